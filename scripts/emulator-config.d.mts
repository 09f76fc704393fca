// Types for emulator-config.mjs (imported by the unit tests).
export declare const EMULATORS: Record<string, unknown>;
export declare function emulatorConfig(projectId: string, options?: { root?: string }): Record<string, any>;
export declare function writeEmulatorConfig(projectId: string, options?: { root?: string }): string;
