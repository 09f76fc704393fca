// Types for emulator-config.mjs (imported by the unit tests).
export interface FirebaseJson {
  hosting: { headers: { source: string; headers: { key: string; value: string }[] }[]; [key: string]: unknown };
  emulators: Record<string, unknown>;
  [key: string]: unknown;
}
export declare const EMULATORS: Record<string, unknown>;
export declare function emulatorConfig(projectId: string, options?: { root?: string }): FirebaseJson;
export declare function writeEmulatorConfig(projectId: string, options?: { root?: string }): string;
