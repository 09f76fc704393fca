// What the ingest accepts from the ingest bucket. Whoever holds the egress credential (or a bug in
// Egress) can write any name and any size there, so each object is judged before it touches a
// recording: a refused one is deleted and alerted, and its recording goes on unaffected.
import type { RecordingStatus } from '../recording/recording-state';
import { MAX_SEGMENTS } from '../playback/playlist';
import { MAX_POSTER_BYTES } from './poster-image';

/** Egress writes ~7 s segments of a few MiB; anything this big is not one of them. */
export const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;
/** LiveKit's playlist of a 24 h recording is ~1 MiB; it is read into memory at finalize. */
export const MAX_RAW_PLAYLIST_BYTES = 8 * 1024 * 1024;
/** After a recording ended, uploads still in flight are accepted this long (unless it was finalized). */
export const LATE_UPLOAD_GRACE_MS = 5 * 60_000;
/**
 * A chunk whose recording does not exist is kept this long: the sweep (every minute) may yet adopt
 * the egress that wrote it. After that it is refused like any other stray object.
 */
export const UNCLAIMED_CHUNK_AFTER_MS = 5 * 60_000;

/** An MPEG-TS packet: every segment is a whole number of them. */
export const TS_PACKET_BYTES = 188;

/**
 * Why a raw segment is damaged at the source, or null: MPEG-TS is written in whole 188-byte
 * packets, so a segment that is not ends mid-packet — the egress's writer cut short (its disk full,
 * its process killed) — and its last picture is incomplete. What it holds up to there still plays,
 * so it is stored, and the damage noted.
 */
export function sourceDamage(sizeBytes: number | undefined): string | null {
  const tail = (sizeBytes ?? 0) % TS_PACKET_BYTES;
  return tail
    ? `the egress uploaded a segment cut short mid-packet (${tail} bytes past its last whole ${TS_PACKET_BYTES}-byte packet; a full disk or a killed writer does this, and so does a file that is not MPEG-TS at all): its end plays with a glitch`
    : null;
}

export type IngestRefusal =
  'sequence-out-of-range' | 'oversized' | 'not-recording' | 'unknown-recording' | 'not-an-image';

export interface IngestTarget {
  status: RecordingStatus;
  createdAtMs: number;
  endedAtMs?: number;
  finalized?: boolean;
  deletingAtMs?: number;
}

/** Checks that need no recording: the object's own name and size. */
export function objectRefusal(object: { seq?: number; sizeBytes?: number; image?: boolean }): IngestRefusal | null {
  if (object.seq !== undefined && (!Number.isSafeInteger(object.seq) || object.seq >= MAX_SEGMENTS))
    return 'sequence-out-of-range';
  const limit = object.image ? MAX_POSTER_BYTES : object.seq === undefined ? MAX_RAW_PLAYLIST_BYTES : MAX_SEGMENT_BYTES;
  if (object.sizeBytes !== undefined && object.sizeBytes > limit) return 'oversized';
  return null;
}

/**
 * Whether the recording takes a segment now: while it starts (webhooks may be late), records or
 * stops, and for a grace period after it ended, as long as its playlist is not compiled yet.
 */
export function acceptsSegments(recording: IngestTarget, nowMs: number): boolean {
  if (recording.deletingAtMs || recording.finalized) return false;
  if (['starting', 'recording', 'stopping'].includes(recording.status)) return true;
  return nowMs - (recording.endedAtMs ?? recording.createdAtMs) <= LATE_UPLOAD_GRACE_MS;
}

/** The admin alert's text for a refused object (the name is ours to show: it passed the path parser). */
export function refusalMessage(refusal: IngestRefusal, objectName: string, recordingId: string): string {
  const why: Record<IngestRefusal, string> = {
    'sequence-out-of-range': `its sequence number is beyond ${MAX_SEGMENTS - 1} (24 h of 7 s segments)`,
    oversized: `it is larger than ${MAX_SEGMENT_BYTES >> 20} MiB (a segment), ${MAX_RAW_PLAYLIST_BYTES >> 20} MiB (a playlist) or ${MAX_POSTER_BYTES >> 20} MiB (a poster image)`,
    'not-recording': 'its recording is no longer recording',
    'unknown-recording': 'no recording of that id exists',
    'not-an-image': 'it is named as a captured image but is not a whole JPEG or PNG',
  };
  return `Deleted ${objectName} from the ingest bucket: ${why[refusal]}. Recording ${recordingId} is unaffected; further objects refused for the same reason are deleted without another alert.`;
}
