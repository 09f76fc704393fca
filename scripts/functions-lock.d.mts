// Types for functions-lock.mjs (imported by the unit tests).
export declare const WORKSPACE: string;
export declare const LOCK_PATH: string;
export interface Lock {
  name: string;
  lockfileVersion: number;
  requires: boolean;
  packages: Record<string, Record<string, unknown>>;
}
export declare function deriveFunctionsLock(
  rootLock: { packages: Record<string, Record<string, unknown>> },
  workspace?: string,
): Lock;
export declare function lockText(rootLockPath?: string): string;
export declare function isFresh(lockPath?: string, rootLockPath?: string): boolean;
