// The object names a test writes and looks for, spelled once: where egress uploads a raw segment
// (ingest/{recordingId}/seg_00000.ts in the ingest bucket) and where ingest stores the sealed one.
// Stated here rather than imported from the server, so a test notices when the server's names move.

/** A segment number as it appears in names and segment document ids: five digits. */
export const seq5 = (seq: number | string): string => String(seq).padStart(5, '0');

/** A raw segment as egress uploads it to the ingest bucket (`stem` is the egress filename prefix). */
export const rawSegmentName = (recordingId: string, seq: number | string, stem = 'seg'): string =>
  `ingest/${recordingId}/${stem}_${seq5(seq)}.ts`;

/** A sealed (encrypted) segment in the main bucket. */
export const sealedSegmentName = (recordingId: string, seq: number): string =>
  `recordings/${recordingId}/segments/${seq5(seq)}.ts`;
