// Object names written by LiveKit Egress: ingest/{recordingId}/seg_00042.ts and the playlists.

export const INGEST_PREFIX = 'ingest/';

export type IngestObject =
  | { kind: 'segment'; recordingId: string; seq: number }
  | { kind: 'playlist'; recordingId: string };

export function parseIngestPath(name: string): IngestObject | null {
  const match = /^ingest\/([A-Za-z0-9_-]{1,128})\/(.+)$/.exec(name);
  if (!match) return null;
  const [, recordingId, file] = match;
  const segment = /^seg_(\d{5,})\.ts$/.exec(file);
  if (segment) return { kind: 'segment', recordingId, seq: Number(segment[1]) };
  if (file.endsWith('.m3u8')) return { kind: 'playlist', recordingId };
  return null;
}
