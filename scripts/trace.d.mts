// Types for trace.mjs (imported by the unit tests).
import type { TraceReport } from '../functions/src/api/wire-schemas';
export declare function formatReport(report: TraceReport): string;
