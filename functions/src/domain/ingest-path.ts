// Object names written by LiveKit Egress: ingest/{recordingId}/seg_00042.ts and the playlists.

const RECORDING_ID = '[A-Za-z0-9_-]{1,128}';

/** Every object egress writes is under this prefix (of the ingest bucket). */
export const INGEST_ROOT = 'ingest/';

export function ingestPrefix(recordingId: string): string {
  return `${INGEST_ROOT}${recordingId}/`;
}

/** "ingest/rec-1/seg" → "rec-1" */
export function recordingIdFromPrefix(filenamePrefix: string): string | undefined {
  return new RegExp(`^ingest/(${RECORDING_ID})/`).exec(filenamePrefix)?.[1];
}

export type IngestObject =
  { kind: 'segment'; recordingId: string; seq: number } | { kind: 'playlist'; recordingId: string };

export function parseIngestPath(name: string): IngestObject | null {
  const match = new RegExp(`^ingest/(${RECORDING_ID})/(.+)$`).exec(name);
  if (!match) return null;
  const [, recordingId, file] = match;
  const segment = /^seg_(\d{5,})\.ts$/.exec(file);
  if (segment) return { kind: 'segment', recordingId, seq: Number(segment[1]) };
  if (file.endsWith('.m3u8')) return { kind: 'playlist', recordingId };
  return null;
}
