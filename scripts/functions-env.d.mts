// Types for functions-env.mjs (imported by TypeScript tests, the seed and vite.config.ts).
export declare const repoRoot: string;
export interface EnvOptions {
  emulator?: boolean;
  alias?: string;
  root?: string;
}
export interface DeclaredParam {
  name: string;
  kind: 'string' | 'secret' | 'int' | 'boolean' | 'list';
  default?: string;
}
export declare function parseDotenv(text: string): Record<string, string>;
export declare function envFilesFor(project: string, options?: Omit<EnvOptions, 'root'>): string[];
export declare function readFunctionsEnv(
  project: string,
  options?: EnvOptions,
): { values: Record<string, string>; sources: Record<string, string> };
export declare function declaredParams(root?: string): DeclaredParam[];
export declare function paramValue(name: string, project: string, options?: EnvOptions): string | undefined;
export declare function functionsRegion(project: string, options?: EnvOptions): string;
