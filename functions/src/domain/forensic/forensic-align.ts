// Where a leaked clip sits in a recording (docs/forensic-watermark.md): which moment each of its
// frames shows, and which part of the original picture it kept. Pure arithmetic over small gray
// frames (the reference's 64×36 luma at 5 fps, the clip decoded to the same size): the clip is
// matched by normalised correlation, so a brighter, blurrier, cropped or re-timed copy still lines up.
import { markPattern, REFERENCE_HEIGHT, REFERENCE_WIDTH } from './forensic-mark';

const W = REFERENCE_WIDTH;
const H = REFERENCE_HEIGHT;
export const REFERENCE_PIXELS = W * H;
const PIXELS = REFERENCE_PIXELS;

/** Gray frames of one size, `fps` apart, the first at `startSeconds`. */
export interface FrameRun {
  fps: number;
  startSeconds: number;
  /** count × 64×36 bytes. */
  pixels: Uint8Array;
}

export const frameCount = (run: FrameRun): number => Math.floor(run.pixels.length / PIXELS);
export const frameAt = (run: FrameRun, index: number): Uint8Array =>
  run.pixels.subarray(index * PIXELS, (index + 1) * PIXELS);

/** The part of the original a clip shows, in 0..1 picture coordinates. */
export interface CropBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The reference sampled (bilinear) where each pixel of a clip frame cropped to `box` came from. */
export function resampleReference(frame: Uint8Array, box: CropBox, out = new Float32Array(PIXELS)): Float32Array {
  for (let j = 0; j < H; j++) {
    const y = (box.top + ((j + 0.5) / H) * (box.bottom - box.top)) * H - 0.5;
    const y0 = Math.min(H - 1, Math.max(0, Math.floor(y)));
    const y1 = Math.min(H - 1, y0 + 1);
    const fy = Math.min(1, Math.max(0, y - y0));
    for (let i = 0; i < W; i++) {
      const x = (box.left + ((i + 0.5) / W) * (box.right - box.left)) * W - 0.5;
      const x0 = Math.min(W - 1, Math.max(0, Math.floor(x)));
      const x1 = Math.min(W - 1, x0 + 1);
      const fx = Math.min(1, Math.max(0, x - x0));
      const top = frame[y0 * W + x0]! * (1 - fx) + frame[y0 * W + x1]! * fx;
      const bottom = frame[y1 * W + x0]! * (1 - fx) + frame[y1 * W + x1]! * fx;
      out[j * W + i] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** The mark's pattern as a clip cropped to `box` shows it. */
export function patternIn(box: CropBox): Float32Array {
  const out = new Float32Array(PIXELS);
  for (let j = 0; j < H; j++)
    for (let i = 0; i < W; i++)
      out[j * W + i] = markPattern(
        box.left + ((i + 0.5) / W) * (box.right - box.left),
        box.top + ((j + 0.5) / H) * (box.bottom - box.top),
      );
  return out;
}

/** Normalised correlation of two equally long vectors (1 = same up to brightness and contrast). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let k = 0; k < n; k++) {
    sa += a[k]!;
    sb += b[k]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < n; k++) {
    const da = a[k]! - ma;
    const db = b[k]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

// Coarse matching: 16×9 thumbnails of (nearly) the whole picture, zero-mean and unit length, so a
// match is one dot product. A cropped copy shows a smaller part of the picture at a larger scale,
// so the reference's thumbnails are also taken as a copy cropped by 5 % and 10 % on each edge would
// show them, and each placement scores its best. The whole picture, not its middle: what tells
// moments apart (a clock, a slide number, a speaker) is often near an edge.
const TW = 16;
const TH = 9;
const MIDDLE: CropBox = { left: 0.03, top: 0.03, right: 0.97, bottom: 0.97 };
const CROP_INSETS = [0, 0.05, 0.1] as const;

/** A symmetric crop of `inset` on every edge. */
const insetBox = (inset: number): CropBox => ({ left: inset, top: inset, right: 1 - inset, bottom: 1 - inset });

/** The middle of a picture cropped to `box`, in the uncropped picture's coordinates. */
function middleOf(box: CropBox): CropBox {
  const across = (f: number) => box.left + f * (box.right - box.left);
  const down = (f: number) => box.top + f * (box.bottom - box.top);
  return { left: across(MIDDLE.left), top: down(MIDDLE.top), right: across(MIDDLE.right), bottom: down(MIDDLE.bottom) };
}

function thumbnail(frame: Uint8Array, region: CropBox): Float32Array {
  const out = new Float32Array(TW * TH);
  const bw = ((region.right - region.left) * W) / TW;
  const bh = ((region.bottom - region.top) * H) / TH;
  for (let j = 0; j < TH; j++)
    for (let i = 0; i < TW; i++) {
      let sum = 0;
      let n = 0;
      const y0 = Math.floor(region.top * H + j * bh);
      const x0 = Math.floor(region.left * W + i * bw);
      for (let y = y0; y < Math.max(y0 + 1, Math.floor(region.top * H + (j + 1) * bh)); y++)
        for (let x = x0; x < Math.max(x0 + 1, Math.floor(region.left * W + (i + 1) * bw)); x++) {
          sum += frame[Math.min(H - 1, y) * W + Math.min(W - 1, x)]!;
          n++;
        }
      out[j * TW + i] = sum / n;
    }
  let mean = 0;
  for (const v of out) mean += v / out.length;
  let norm = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = out[k]! - mean;
    norm += out[k]! * out[k]!;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < out.length; k++) out[k] = out[k]! * scale;
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** A place the clip may start at in the reference's time, and how well it matched (mean correlation, −1..1). */
export interface TimeMatch {
  offsetSeconds: number;
  score: number;
  /** The symmetric crop (per edge) under which it matched best: where the crop search starts. */
  inset: number;
}

/** Placements within this much of the best one are all tried: a static slide or a looping picture looks alike at many times. */
export const PLACEMENT_TOLERANCE = 0.03;
export const MAX_PLACEMENTS = 6;

/**
 * The reference times the clip's first frame may show, best first: every placement of the clip on
 * the reference's frame grid is scored by the mean thumbnail correlation of one clip frame per
 * second; the local best ones within PLACEMENT_TOLERANCE of the best (at least 1 s apart) are kept,
 * because content alone cannot tell them apart — the mark's bits will. Flat frames (a black
 * screen) carry no information and are left out of the score.
 */
export function matchTimes(clip: FrameRun, reference: FrameRun): TimeMatch[] {
  const refCount = frameCount(reference);
  const refThumbs = CROP_INSETS.map((inset) =>
    Array.from({ length: refCount }, (_, k) => thumbnail(frameAt(reference, k), middleOf(insetBox(inset)))),
  );
  const samples: { at: number; thumb: Float32Array }[] = [];
  for (let k = 0; k < frameCount(clip); k += Math.max(1, Math.round(clip.fps))) {
    const thumb = thumbnail(frameAt(clip, k), MIDDLE);
    if (dot(thumb, thumb) > 0) samples.push({ at: k / clip.fps, thumb });
  }
  if (samples.length === 0) return [];
  const placements: TimeMatch[] = [];
  for (let start = -Math.round(samples[0]!.at * reference.fps); start < refCount; start++) {
    const sums = CROP_INSETS.map(() => 0);
    let n = 0;
    for (const s of samples) {
      const r = start + Math.round(s.at * reference.fps);
      if (r < 0 || r >= refCount) continue;
      for (let h = 0; h < CROP_INSETS.length; h++) sums[h]! += dot(s.thumb, refThumbs[h]![r]!);
      n++;
    }
    // At least half the clip must lie on the reference for a placement to count.
    if (n < Math.max(1, samples.length / 2)) continue;
    const h = sums.indexOf(Math.max(...sums));
    placements.push({
      offsetSeconds: reference.startSeconds + start / reference.fps,
      score: sums[h]! / n,
      inset: CROP_INSETS[h]!,
    });
  }
  const best = Math.max(...placements.map((p) => p.score));
  const kept: TimeMatch[] = [];
  for (const p of placements.filter((q) => q.score >= best - PLACEMENT_TOLERANCE).sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => Math.abs(k.offsetSeconds - p.offsetSeconds) >= 1)) kept.push(p);
    if (kept.length === MAX_PLACEMENTS) break;
  }
  return kept;
}

/** Clip frame index showing reference time `t` given the clip's start `offsetSeconds`, or −1. */
export function clipFrameFor(clip: FrameRun, offsetSeconds: number, t: number): number {
  const k = Math.round((t - offsetSeconds) * clip.fps);
  return k >= 0 && k < frameCount(clip) ? k : -1;
}

/** Pairs (reference frame, clip frame) over the clip's span, every `stride`-th reference frame. */
export function pairs(clip: FrameRun, reference: FrameRun, offsetSeconds: number, stride = 1): [number, number][] {
  const out: [number, number][] = [];
  for (let r = 0; r < frameCount(reference); r += stride) {
    const c = clipFrameFor(clip, offsetSeconds, reference.startSeconds + r / reference.fps);
    if (c >= 0) out.push([r, c]);
  }
  return out;
}

function meanCorrelation(clip: FrameRun, reference: FrameRun, matched: [number, number][], box: CropBox): number {
  const buffer = new Float32Array(PIXELS);
  let sum = 0;
  for (const [r, c] of matched)
    sum += correlation(frameAt(clip, c), resampleReference(frameAt(reference, r), box, buffer));
  return sum / Math.max(1, matched.length);
}

/**
 * The placement refined: the offset to the clip's own frame spacing (within one reference frame of
 * the coarse match), then the crop that best explains the clip (coordinate search, each edge up to
 * 20 % in), then the offset once more under that crop.
 */
export function refineAlignment(
  clip: FrameRun,
  reference: FrameRun,
  coarseOffset: number,
  startInset = 0,
): { box: CropBox; offsetSeconds: number; score: number } {
  const sample = (offset: number) => {
    const all = pairs(clip, reference, offset);
    const step = Math.max(1, Math.floor(all.length / 24));
    return all.filter((_, k) => k % step === 0);
  };
  const bestOffset = (around: number, reach: number, box: CropBox) => {
    let best = { offset: around, score: -Infinity };
    for (let d = -reach; d <= reach + 1e-9; d += 1 / clip.fps) {
      const score = meanCorrelation(clip, reference, sample(around + d), box);
      if (score > best.score) best = { offset: around + d, score };
    }
    return best;
  };
  const spacing = 1 / reference.fps;
  const first = bestOffset(coarseOffset, spacing, insetBox(startInset));
  const matched = sample(first.offset);
  let box = insetBox(startInset);
  let score = meanCorrelation(clip, reference, matched, box);
  for (const step of [0.04, 0.02, 0.01, 0.005]) {
    for (let improved = true; improved;) {
      improved = false;
      for (const edge of ['left', 'top', 'right', 'bottom'] as const)
        for (const sign of [1, -1]) {
          const candidate = { ...box, [edge]: box[edge] + sign * step };
          const inward = edge === 'left' || edge === 'top' ? candidate[edge] : 1 - candidate[edge];
          if (inward < -0.02 || inward > 0.2) continue;
          const s = meanCorrelation(clip, reference, matched, candidate);
          if (s > score + 1e-6) {
            box = candidate;
            score = s;
            improved = true;
          }
        }
    }
  }
  const last = bestOffset(first.offset, spacing / 2, box);
  return { box, offsetSeconds: last.offset, score: last.score };
}

/**
 * The mark's strength in one clip frame against its reference frame: the least-squares fit
 * clip ≈ gain·reference + bias + β·pattern. β > 0 reads as variant A, β < 0 as B (in luma levels).
 */
export function markStrength(clipFrame: Uint8Array, referenceFrame: Float32Array, pattern: Float32Array): number {
  // Normal equations of the 3-term fit.
  let rr = 0, rp = 0, r1 = 0, pp = 0, p1 = 0, n = 0, cr = 0, cp = 0, c1 = 0; // prettier-ignore
  for (let k = 0; k < PIXELS; k++) {
    const r = referenceFrame[k]!;
    const p = pattern[k]!;
    const c = clipFrame[k]!;
    rr += r * r;
    rp += r * p;
    r1 += r;
    pp += p * p;
    p1 += p;
    n += 1;
    cr += c * r;
    cp += c * p;
    c1 += c;
  }
  // Solve [[rr rp r1][rp pp p1][r1 p1 n]] · [g β b] = [cr cp c1] by Cramer's rule.
  const det3 = (a: number[]) =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) -
    a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) +
    a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const m = [rr, rp, r1, rp, pp, p1, r1, p1, n];
  const d = det3(m);
  if (Math.abs(d) < 1e-9) return 0;
  return det3([rr, cr, r1, rp, cp, p1, r1, c1, n]) / d;
}
