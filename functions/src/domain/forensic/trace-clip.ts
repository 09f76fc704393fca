// What POST /api/trace takes as a leaked clip: the raw bytes of a video file, of a size the API
// can answer for itself (see TRACE_CLIP_MAX_BYTES), checked before any tracing work starts.

import { TRACE_CLIP_MAX_BYTES } from '@lecturevault/contract';

export { TRACE_CLIP_MAX_BYTES };

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
