// Object names written by LiveKit Egress: ingest/{recordingId}/seg_00042.ts, the playlists, and the
// captured images poster_00000.jpeg (domain/ingest/poster-image.ts).
import { ID_PATTERN, isReservedId } from '../http/document-id';
import { POSTER_PREFIX } from './poster-image';

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
  | { kind: 'segment'; recordingId: string; seq: number }
  | { kind: 'playlist'; recordingId: string }
  | { kind: 'image'; recordingId: string; index: number };

export function parseIngestPath(name: string): IngestObject | null {
  const match = new RegExp(`^ingest/(${RECORDING_ID})/(.+)$`).exec(name);
  if (!match || isReservedId(match[1])) return null;
  const [, recordingId, file] = match;
  const segment = /^seg_(\d{5,})\.ts$/.exec(file);
  if (segment) return { kind: 'segment', recordingId, seq: Number(segment[1]) };
  if (file.endsWith('.m3u8')) return { kind: 'playlist', recordingId };
  const image = new RegExp(`^${POSTER_PREFIX}_(\\d{5,})\\.(?:jpeg|jpg|png)$`).exec(file);
  if (image) return { kind: 'image', recordingId, index: Number(image[1]) };
  return null;
}
