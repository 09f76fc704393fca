// From an aligned clip to the codewords that made it (docs/forensic-watermark.md). Each segment the
// clip covers gives one reading: the mean mark strength over its frames and how sure that is (a t
// statistic). Confident readings are compared with every codeword issued for the recording. An
// innocent codeword's bits are independent of the copy (keyed random bits), so how often it agrees
// is a fair coin's count: the tracer names a codeword only when even the best of all the innocent
// ones would match that well with a chance below FALSE_ACCUSATION_BOUND.
import {
  clipFrameFor,
  frameAt,
  frameCount,
  markStrength,
  matchTimes,
  patternIn,
  refineAlignment,
  type TimeMatch,
  resampleReference,
  REFERENCE_PIXELS,
  type CropBox,
  type FrameRun,
} from './forensic-align';
import { REFERENCE_FPS } from './forensic-mark';

/** The chance, over all codewords of a recording, that any innocent one is named by a trace. */
export const FALSE_ACCUSATION_BOUND = 1e-4;
/** A reading counts when its t statistic is at least this far from zero. */
export const CONFIDENT_T = 4;
/** Frames (at the reference's 5 fps) a segment must show to be read: 2 s. */
const MIN_FRAMES_PER_READING = 10;

/** Where each segment's reference frames sit on the reference run. */
export interface ReferenceSpan {
  seq: number;
  firstFrame: number;
  frames: number;
  /** False for a segment stored without variants (its reading would say nothing). */
  marked: boolean;
}

export interface SegmentReading {
  seq: number;
  /** Mean mark strength in luma levels: > 0 variant A, < 0 variant B. */
  strength: number;
  t: number;
  frames: number;
}

/** One reading per marked segment the clip shows long enough (its first and last frame left out: they may be a neighbour's). */
export function readSegments(
  clip: FrameRun,
  reference: FrameRun,
  spans: readonly ReferenceSpan[],
  alignment: { box: CropBox; offsetSeconds: number },
): SegmentReading[] {
  const pattern = patternIn(alignment.box);
  const buffer = new Float32Array(REFERENCE_PIXELS);
  const readings: SegmentReading[] = [];
  for (const span of spans) {
    if (!span.marked) continue;
    const strengths: number[] = [];
    for (let r = span.firstFrame + 1; r < span.firstFrame + span.frames - 1 && r < frameCount(reference); r++) {
      const c = clipFrameFor(clip, alignment.offsetSeconds, reference.startSeconds + r / REFERENCE_FPS);
      if (c < 0) continue;
      const ref = resampleReference(frameAt(reference, r), alignment.box, buffer);
      strengths.push(markStrength(frameAt(clip, c), ref, pattern));
    }
    const kept = withoutOutliers(strengths);
    if (kept.length < MIN_FRAMES_PER_READING) continue;
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    const variance = kept.reduce((a, b) => a + (b - mean) ** 2, 0) / (kept.length - 1);
    const t = variance > 0 ? mean / Math.sqrt(variance / kept.length) : Math.sign(mean) * 1e6;
    readings.push({ seq: span.seq, strength: mean, t, frames: kept.length });
  }
  return readings;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The frames' strengths without those far from the rest (beyond 4 robust standard deviations of
 * the median): a frame a little off in time at a slide change leaves a large, one-signed residual
 * that the mean would follow, and a few of them could outvote a segment's other thirty.
 */
function withoutOutliers(values: readonly number[]): number[] {
  const centre = median(values);
  const spread = 1.4826 * median(values.map((v) => Math.abs(v - centre)));
  return spread > 0 ? values.filter((v) => Math.abs(v - centre) <= 4 * spread) : [...values];
}

/** P(X ≥ k) for X ~ Binomial(n, ½), exactly (n is at most a few thousand segments). */
export function fairCoinTail(n: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  // log C(n, i) − n·log 2, summed from i = k upwards with a running log-sum.
  let logTerm = -n * Math.LN2;
  for (let i = 1; i <= k; i++) logTerm += Math.log((n - i + 1) / i);
  let sum = 0;
  let term = Math.exp(logTerm);
  for (let i = k; i <= n; i++) {
    sum += term;
    term *= (n - i) / (i + 1);
  }
  return Math.min(1, sum);
}

export interface Codeword {
  id: string;
  /** The codeword's bit at a segment: 0 = variant A, 1 = variant B. */
  bit: (seq: number) => 0 | 1;
}

export interface CodewordScore {
  id: string;
  matched: number;
  of: number;
  /** Union bound over all the recording's codewords of a chance match this good. */
  falseMatchChance: number;
}

export type Judgement =
  | { verdict: 'identified'; suspects: CodewordScore[]; confident: number }
  | { verdict: 'not-enough-footage'; confident: number; needed: number }
  | { verdict: 'unknown'; best?: CodewordScore; confident: number };

/** The fewest confident readings that could name anyone among `candidates` codewords. */
export function readingsNeeded(candidates: number, placements = 1): number {
  let n = 1;
  while (Math.max(1, candidates) * placements * fairCoinTail(n, n) > FALSE_ACCUSATION_BOUND) n++;
  return n;
}

/**
 * Names every codeword whose agreement with the confident readings could happen by chance to an
 * innocent one with probability ≤ FALSE_ACCUSATION_BOUND (two viewers who mixed their copies
 * both pass once the clip is long enough; an innocent third only by that chance). `placements` is
 * how many alignments of the clip are being tried: each is one more chance for a false match.
 */
export function judge(readings: readonly SegmentReading[], codewords: readonly Codeword[], placements = 1): Judgement {
  const confident = readings.filter((r) => Math.abs(r.t) >= CONFIDENT_T);
  const needed = readingsNeeded(codewords.length, placements);
  if (confident.length < needed) return { verdict: 'not-enough-footage', confident: confident.length, needed };
  const scores = codewords
    .map((codeword): CodewordScore => {
      const matched = confident.filter((r) => (r.strength > 0 ? 0 : 1) === codeword.bit(r.seq)).length;
      const chance = codewords.length * placements * fairCoinTail(confident.length, matched);
      const falseMatchChance = Math.min(1, chance);
      return { id: codeword.id, matched, of: confident.length, falseMatchChance };
    })
    .sort((a, b) => a.falseMatchChance - b.falseMatchChance || b.matched - a.matched);
  const suspects = scores.filter((s) => s.falseMatchChance <= FALSE_ACCUSATION_BOUND);
  if (suspects.length > 0) return { verdict: 'identified', suspects, confident: confident.length };
  return { verdict: 'unknown', best: scores[0], confident: confident.length };
}

/** A clip matching a recording's content less than this (mean thumbnail correlation) is not from it. */
export const MIN_CONTENT_MATCH = 0.6;

/** The placements of a clip on a recording that its content allows (see matchTimes), best first. */
export const contentPlacements = (clip: FrameRun, reference: FrameRun): TimeMatch[] =>
  matchTimes(clip, reference).filter((p) => p.score >= MIN_CONTENT_MATCH);

export interface ClipTrace {
  judgement: Judgement;
  placement: { offsetSeconds: number; box: CropBox; score: number };
  readings: SegmentReading[];
}

/**
 * Traces a clip against one recording: every placement content allows (see matchTimes) is aligned,
 * read and judged, each counted in the others' false-match bound; the placement naming someone
 * with the smallest chance of error wins, else the best-matching one says why nobody is named.
 * Null when the clip is not from this recording. `otherPlacements`: hypotheses tried elsewhere
 * (other recordings) that also count in the bound; `placements`: contentPlacements, when the
 * caller has them already (matching is the costly part on a long recording).
 */
export function traceClip(
  clip: FrameRun,
  reference: FrameRun,
  spans: readonly ReferenceSpan[],
  codewords: readonly Codeword[],
  otherPlacements = 0,
  placements: readonly TimeMatch[] = contentPlacements(clip, reference),
): ClipTrace | null {
  if (placements.length === 0) return null;
  const hypotheses = placements.length + otherPlacements;
  const traces = placements.map((p): ClipTrace => {
    const aligned = refineAlignment(clip, reference, p.offsetSeconds, p.inset);
    const readings = readSegments(clip, reference, spans, aligned);
    return { judgement: judge(readings, codewords, hypotheses), placement: aligned, readings };
  });
  const named = traces.filter((t) => t.judgement.verdict === 'identified').sort((a, b) => chanceOf(a) - chanceOf(b));
  return named[0] ?? traces.sort((a, b) => b.placement.score - a.placement.score)[0]!;
}

const chanceOf = (t: ClipTrace) =>
  t.judgement.verdict === 'identified' ? t.judgement.suspects[0]!.falseMatchChance : 1;
