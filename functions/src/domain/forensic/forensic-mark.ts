// The forensic mark (docs/forensic-watermark.md): every segment of a marked recording is stored as
// two variants, A = original + δ·P and B = original − δ·P, where P is a fixed smooth luminance
// pattern (a few cycles across the picture, zero mean). Low frequencies survive what leakers do
// (downscaling, heavy compression, frame dropping, cropping), and a change of δ = 3 luma levels
// spread over the whole picture is below what a viewer notices. Which variant a segment came from
// is read back by comparing a copy with the original's reference frames (kept at ingest) along P.
// Which variant each segment is served from is a codeword per playback session or download: a keyed
// pseudo-random bit per segment (a random code, so any two codewords differ in about half of any
// stretch of segments, and an innocent codeword matches a copy only by chance, a binomial tail the
// tracer bounds before it names anyone).
import { createHmac, randomBytes } from 'node:crypto';

/** Luma levels the pattern adds (A) or takes away (B) at its peaks. */
export const MARK_AMPLITUDE = 3;

/** The reference the tracer compares with: the original's luma at this size and frame rate. */
export const REFERENCE_WIDTH = 64;
export const REFERENCE_HEIGHT = 36;
export const REFERENCE_FPS = 5;
export const REFERENCE_FRAME_BYTES = REFERENCE_WIDTH * REFERENCE_HEIGHT;

export type Variant = 'a' | 'b';
export const VARIANTS: readonly Variant[] = ['a', 'b'];

/** A new codeword's secret seed (never sent to a client). */
export const newCodewordSeed = (): string => randomBytes(16).toString('base64url');

/** The codeword's bit at `seq`: 0 → variant A, 1 → variant B. */
export function codewordBit(seed: string, seq: number): 0 | 1 {
  const digest = createHmac('sha256', Buffer.from(seed, 'base64url')).update(`seq:${seq}`).digest();
  return (digest[0]! & 1) as 0 | 1;
}

/** The variant segment `seq` is served from to the holder of this codeword. */
export const variantOf = (seed: string, seq: number): Variant => (codewordBit(seed, seq) === 0 ? 'a' : 'b');

/** P at normalised picture coordinates (0..1 across, 0..1 down), in −1..1. */
export function markPattern(u: number, v: number): number {
  return Math.cos(2 * Math.PI * 2 * u) * Math.cos(2 * Math.PI * 1.5 * v);
}

/** The same P as an ffmpeg `geq` expression over a frame of size W×H. */
const PATTERN_EXPR = 'cos(2*PI*2*X/W)*cos(2*PI*1.5*Y/H)';

/**
 * The ffmpeg filter graph that turns the input's video into both variants and the reference in
 * one decode: outputs [va], [vb] (yuv420p, input size and timing) and [ref] (gray, 64×36, 5 fps).
 * The pattern is drawn once at 64×36 and scaled smoothly to the picture; `grainmerge` adds
 * (pattern − 128) to luma only, chroma passes through. The pattern is drawn as yuv420p, like the
 * picture: drawn as full-range gray, ffmpeg would convert it to limited range on the way into
 * `blend`, darkening both variants and weakening the mark (docs/forensic-watermark.md).
 */
export function variantFilterGraph(): string {
  const pattern = (sign: '+' | '-', label: string) =>
    `color=c=gray:s=64x36:r=1:d=1,format=yuv420p,geq=lum='128${sign}${MARK_AMPLITUDE}*${PATTERN_EXPR}':cb=128:cr=128[${label}]`;
  const mark = (input: string, pattern: string, out: string) =>
    `[${pattern}][${input}]scale2ref=flags=bicubic[${pattern}s][${input}r];` +
    `[${input}r][${pattern}s]blend=c0_mode=grainmerge:c1_mode=normal:c2_mode=normal:shortest=0:repeatlast=1,format=yuv420p[${out}]`;
  return [
    pattern('+', 'pa'),
    pattern('-', 'pb'),
    '[0:v]split=3[v0][v1][v2]',
    mark('v0', 'pa', 'va'),
    mark('v1', 'pb', 'vb'),
    `[v2]fps=${REFERENCE_FPS},scale=${REFERENCE_WIDTH}:${REFERENCE_HEIGHT}:flags=area,format=gray[ref]`,
  ].join(';');
}
