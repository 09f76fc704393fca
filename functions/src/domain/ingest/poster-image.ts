// The poster frame: which of Egress's captured images becomes a recording's poster, and what is
// accepted as one. Egress (ImageOutput) writes ingest/{recordingId}/poster_00000.jpeg, _00001, … one
// per capture interval; the first to arrive is kept, the rest are deleted. Anything under that name
// is judged by its bytes, never its name: only a whole JPEG or PNG of bounded size is served.

/** Egress's ImageOutput names: `${prefix}_${index:05d}.jpeg` (IMAGE_SUFFIX_INDEX). */
export const POSTER_PREFIX = 'poster';
/** One frame a minute: the first one is kept, and the others cost one trigger run each (1/9 of the segments'). */
export const POSTER_CAPTURE_SECONDS = 60;
/** Small: a library card shows it at ~320 px wide; 2× for high-density screens. */
export const POSTER_WIDTH = 640;
export const POSTER_HEIGHT = 360;
/** A 640×360 JPEG is ~20–60 KiB; anything this big is not one. Read whole into memory, so bounded. */
export const MAX_POSTER_BYTES = 1024 * 1024;

export type PosterType = 'image/jpeg' | 'image/png';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]; // "IEND" + its fixed CRC

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/**
 * The image type of these bytes, or null unless they are a whole JPEG (SOI … EOI) or PNG
 * (signature, IHDR first, IEND last) of a sane size: a truncated upload, an HTML page or a script
 * named .jpeg is refused, so what the API serves as image/* is an image.
 */
export function posterType(bytes: Uint8Array): PosterType | null {
  if (bytes.length < 32 || bytes.length > MAX_POSTER_BYTES) return null;
  const n = bytes.length;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9)
    return 'image/jpeg';
  if (
    startsWith(bytes, PNG_SIGNATURE) &&
    startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12) &&
    startsWith(bytes, PNG_IEND, n - 8)
  )
    return 'image/png';
  return null;
}
