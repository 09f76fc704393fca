// Types for trace.mjs (imported by the unit tests).
import type { TraceReport } from '@lecturevault/contract';
export declare function formatReport(report: TraceReport): string;
