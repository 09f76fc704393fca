// Types for preflight.mjs (imported by the unit tests).
export interface PreflightResult {
  projectId: string;
  demo: boolean;
  envFiles: string[];
  findings: Array<{ check: string; finding: string }>;
  notes: string[];
}
export declare const CHECKS: Array<[string, (ctx: unknown) => string[]]>;
export declare function preflight(options: { project?: string; root?: string }): PreflightResult;
export declare function formatReport(result: PreflightResult): string;
