// Types for bootstrap.mjs (imported by the unit tests).
export interface BootstrapOptions {
  projectId: string;
  region: string;
  ingestBucket: string;
  mainBucket: string;
  firestoreLocation: string;
  projectNumber?: string;
  runtimeAccount?: string;
  deployer?: string;
  dryRun: boolean;
  root: string;
}
export interface Step {
  id: string;
  title: string;
  probe?: string[];
  run?: string[][];
}
export declare const APIS: string[];
export declare const RUNTIME_PROJECT_ROLES: string[];
export declare function resolveOptions(args: string[], options?: { root?: string }): BootstrapOptions;
export declare function plan(options: BootstrapOptions): Step[];
export declare function manualSteps(options: BootstrapOptions): string[];
export declare function commandLine(argv: string[]): string;
export interface CommandResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}
export type Command = (argv: string[], options: { input?: string; cwd?: string }) => CommandResult;
export declare const spawnCommand: Command;
export declare function bootstrap(
  options: BootstrapOptions,
  io?: { log?: (line: string) => void; command?: Command },
): number;
