// What POST /api/trace takes as a leaked clip: the raw bytes of a video file, of a size the API
// can answer for itself (see TRACE_CLIP_MAX_BYTES), checked before any tracing work starts.

/**
 * The largest clip taken. Below the platform's own 32 MiB request limit (Cloud Run's HTTP/1
 * requests; the functions emulator's body parser): past that the platform answers 413 itself,
 * before our code, without our error shape; up to it, ours answers. Minutes of a re-encoded copy
 * fit easily (a 320 px CRF 32 copy is well under 1 MB a minute).
 */
export const TRACE_CLIP_MAX_BYTES = 30 * 1024 * 1024;

export type ClipRefusal = 'not-video' | 'empty' | 'too-large';

/** Why a clip is refused, or null. A video/* type or application/octet-stream (what `curl --data-binary` and file pickers send). */
export function clipRefusal(byteLength: number, contentType: string | undefined): ClipRefusal | null {
  // Empty first: a request without a body usually has no type either, and "empty" is the mistake.
  if (byteLength === 0) return 'empty';
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!/^video\/[\w.+-]+$/.test(type) && type !== 'application/octet-stream') return 'not-video';
  if (byteLength > TRACE_CLIP_MAX_BYTES) return 'too-large';
  return null;
}
