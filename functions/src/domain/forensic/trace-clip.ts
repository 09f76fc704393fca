// What POST /api/trace takes as a leaked clip: the raw bytes of a video file, of a size the API
// can answer for itself (see TRACE_CLIP_MAX_BYTES), checked before any tracing work starts; then
// what the tracer decodes of it (issue 26): one local video file of a container it knows, by its
// own first bytes (never a playlist, a concat script or an image sequence, whatever the request's
// type says), no larger than 4096×2160 and no longer than ten minutes.

import { TRACE_CLIP_MAX_BYTES } from '@lecturevault/contract';

export { TRACE_CLIP_MAX_BYTES };

export type ClipRefusal = 'not-video' | 'empty' | 'too-large';

/** Why a clip is refused, or null. A video/* type or application/octet-stream (what `curl --data-binary` and file pickers send). */
export function clipRefusal(byteLength: number, contentType: string | undefined): ClipRefusal | null {
  // The type first: without one (or with a broken one) the runtime may not even have kept the
  // body, and "empty" would blame the wrong thing.
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!/^video\/[\w.+-]+$/.test(type) && type !== 'application/octet-stream') return 'not-video';
  if (byteLength === 0) return 'empty';
  if (byteLength > TRACE_CLIP_MAX_BYTES) return 'too-large';
  return null;
}

/** The containers the tracer decodes, by ffmpeg's demuxer name (passed as `-f`, never guessed). */
export type ClipContainer = 'mov' | 'matroska' | 'mpegts';
export const CLIP_CONTAINERS: readonly ClipContainer[] = ['mov', 'matroska', 'mpegts'];

/** ISO base media (MP4, MOV) top-level boxes a file may start with. */
const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);
const TS_PACKET = 188;

/** The container a clip's first bytes show, or null: a text file (an HLS playlist, a concat script) is none. */
export function clipContainer(head: Uint8Array): ClipContainer | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 8 && MP4_FIRST_BOXES.has(ascii(4, 8))) return 'mov';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
    return 'matroska';
  // A transport stream is 188-byte packets, each starting 0x47: three in a row, or all of a short file.
  const packets = Math.min(3, Math.floor(head.length / TS_PACKET));
  if (packets > 0 && Array.from({ length: packets }, (_, i) => head[i * TS_PACKET]).every((b) => b === 0x47))
    return 'mpegts';
  return null;
}

/** The largest picture decoded: 4K UHD (either way round); an 8K "decode bomb" is refused unread. */
export const MAX_CLIP_WIDTH = 4096;
export const MAX_CLIP_HEIGHT = 2160;
/** Ten minutes are far more than a trace needs (about three), and bound the memory: 35 MB of frames. */
export const MAX_CLIP_SECONDS = 600;

export interface ClipProbe {
  /** The largest video stream's size; null when the probe found no video stream. */
  width: number | null;
  height: number | null;
  /** The container's stated length; null when it states none (a transport stream may not). */
  durationSeconds: number | null;
}

export type ProbeRefusal = 'no-video' | 'too-many-pixels' | 'too-long';

/** Why a probed clip is not decoded, or null. */
export function probeRefusal(probe: ClipProbe): ProbeRefusal | null {
  if (probe.width === null || probe.height === null || probe.width <= 0 || probe.height <= 0) return 'no-video';
  const long = Math.max(probe.width, probe.height);
  const short = Math.min(probe.width, probe.height);
  if (long > MAX_CLIP_WIDTH || short > MAX_CLIP_HEIGHT) return 'too-many-pixels';
  if (probe.durationSeconds !== null && probe.durationSeconds > MAX_CLIP_SECONDS) return 'too-long';
  return null;
}
