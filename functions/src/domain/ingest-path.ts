// Object names written by LiveKit Egress: ingest/{recordingId}/seg_00042.ts and the playlists.
import { ID_PATTERN, isReservedId } from './document-id';

const RECORDING_ID = ID_PATTERN;

/** Every object egress writes is under this prefix (of the ingest bucket). */
export const INGEST_ROOT = 'ingest/';

export function ingestPrefix(recordingId: string): string {
  return `${INGEST_ROOT}${recordingId}/`;
}

/** "ingest/rec-1/seg" → "rec-1" */
export function recordingIdFromPrefix(filenamePrefix: string): string | undefined {
  const id = new RegExp(`^ingest/(${RECORDING_ID})/`).exec(filenamePrefix)?.[1];
  return id && !isReservedId(id) ? id : undefined;
}

export type IngestObject =
  { kind: 'segment'; recordingId: string; seq: number } | { kind: 'playlist'; recordingId: string };

export function parseIngestPath(name: string): IngestObject | null {
  const match = new RegExp(`^ingest/(${RECORDING_ID})/(.+)$`).exec(name);
  if (!match || isReservedId(match[1])) return null;
  const [, recordingId, file] = match;
  const segment = /^seg_(\d{5,})\.ts$/.exec(file);
  if (segment) return { kind: 'segment', recordingId, seq: Number(segment[1]) };
  if (file.endsWith('.m3u8')) return { kind: 'playlist', recordingId };
  return null;
}
