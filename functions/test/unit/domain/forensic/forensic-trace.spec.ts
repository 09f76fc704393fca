// The tracer's arithmetic on synthetic frames (the real-video path, ffmpeg and Storage included, is
// in the integration and end-to-end tests): a clip made from known variants, cropped and noisy,
// is placed, read and decoded, and nobody is named without enough evidence.
import assert from 'node:assert/strict';
import {
  frameCount,
  matchTimes,
  refineAlignment,
  resampleReference,
  REFERENCE_PIXELS,
  type CropBox,
  type FrameRun,
} from '../../../../src/domain/forensic/forensic-align';
import {
  MARK_AMPLITUDE,
  REFERENCE_HEIGHT,
  REFERENCE_WIDTH,
  codewordBit,
  markPattern,
  newCodewordSeed,
  variantOf,
} from '../../../../src/domain/forensic/forensic-mark';
import {
  fairCoinTail,
  FALSE_ACCUSATION_BOUND,
  judge,
  readingsNeeded,
  readSegments,
  traceClip,
  type Codeword,
  type ReferenceSpan,
  type SegmentReading,
} from '../../../../src/domain/forensic/forensic-decode';

const W = REFERENCE_WIDTH;
const H = REFERENCE_HEIGHT;
const FRAMES_PER_SEGMENT = 35;

/** A deterministic pseudo-random generator, so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Moving blobs: every moment looks different, like a lecture with a speaker and slides. */
function referenceRun(segments: number, random = rng(7)): FrameRun {
  const count = segments * FRAMES_PER_SEGMENT;
  const pixels = new Uint8Array(count * REFERENCE_PIXELS);
  // Each blob wanders on its own slow orbit (periods of 20 to 90 s), so no two moments look alike.
  const blobs = Array.from({ length: 6 }, () => ({
    fx: 0.01 + random() * 0.04, fy: 0.01 + random() * 0.04, px: random() * 6.3, py: random() * 6.3, r: 0.08 + random() * 0.15, l: 60 + random() * 120,
  })); // prettier-ignore
  for (let f = 0; f < count; f++) {
    for (let j = 0; j < H; j++)
      for (let i = 0; i < W; i++) {
        let v = 40 + (i / W) * 30;
        for (const b of blobs) {
          const [x, y] = [0.5 + 0.4 * Math.sin(b.fx * f + b.px), 0.5 + 0.4 * Math.sin(b.fy * f + b.py)];
          const d = ((i / W - x) ** 2 + (j / H - y) ** 2) / b.r ** 2;
          v += b.l * Math.exp(-d);
        }
        pixels[f * REFERENCE_PIXELS + j * W + i] = Math.min(255, v);
      }
  }
  return { fps: 5, startSeconds: 0, pixels };
}

const spansOf = (segments: number): ReferenceSpan[] =>
  Array.from({ length: segments }, (_, seq) => ({
    seq,
    firstFrame: seq * FRAMES_PER_SEGMENT,
    frames: FRAMES_PER_SEGMENT,
    marked: true,
  }));

/**
 * What a leaker's re-encoded copy looks like at the tracer's size: frames from `fromSeq`, each
 * segment's variant by `variant(seq)`, cropped to `box`, with noise, at 25 fps (each 5 fps frame
 * repeated five times).
 */
function leakedClip(
  reference: FrameRun,
  fromSeq: number,
  segments: number,
  variant: (seq: number) => 'a' | 'b',
  box: CropBox,
  noise = 4,
  random = rng(11),
): FrameRun {
  const frames: Uint8Array[] = [];
  const marked = new Float32Array(REFERENCE_PIXELS);
  for (let seq = fromSeq; seq < fromSeq + segments; seq++) {
    const sign = variant(seq) === 'a' ? 1 : -1;
    for (let k = 0; k < FRAMES_PER_SEGMENT; k++) {
      const f = seq * FRAMES_PER_SEGMENT + k;
      const base = reference.pixels.subarray(f * REFERENCE_PIXELS, (f + 1) * REFERENCE_PIXELS);
      const withMark = new Uint8Array(REFERENCE_PIXELS);
      for (let p = 0; p < REFERENCE_PIXELS; p++)
        withMark[p] = Math.max(
          0,
          Math.min(
            255,
            base[p]! + sign * MARK_AMPLITUDE * markPattern(((p % W) + 0.5) / W, (Math.floor(p / W) + 0.5) / H),
          ),
        );
      resampleReference(withMark, box, marked);
      for (let repeat = 0; repeat < 5; repeat++) {
        const out = new Uint8Array(REFERENCE_PIXELS);
        for (let p = 0; p < REFERENCE_PIXELS; p++)
          out[p] = Math.max(0, Math.min(255, Math.round(marked[p]! + (random() - 0.5) * 2 * noise)));
        frames.push(out);
      }
    }
  }
  const pixels = new Uint8Array(frames.length * REFERENCE_PIXELS);
  frames.forEach((f, i) => pixels.set(f, i * REFERENCE_PIXELS));
  return { fps: 25, startSeconds: 0, pixels };
}

const codewordFor = (id: string, seed: string): Codeword => ({ id, bit: (seq) => codewordBit(seed, seq) });
const CROP: CropBox = { left: 0.08, top: 0.05, right: 0.92, bottom: 0.9 };

describe('forensic codewords', () => {
  it('are the same for a seed and seq every time, and differ between seeds in about half the segments', () => {
    const a = newCodewordSeed();
    const b = newCodewordSeed();
    const seqs = Array.from({ length: 2000 }, (_, i) => i);
    assert.deepEqual(
      seqs.map((s) => variantOf(a, s)),
      seqs.map((s) => variantOf(a, s)),
    );
    const differing = seqs.filter((s) => codewordBit(a, s) !== codewordBit(b, s)).length;
    assert.ok(differing > 900 && differing < 1100, `${differing} of 2000 differ`);
    const ones = seqs.filter((s) => codewordBit(a, s) === 1).length;
    assert.ok(ones > 900 && ones < 1100, `${ones} of 2000 are B`);
  });
});

describe('the false-match bound', () => {
  it('is the exact fair-coin tail', () => {
    assert.equal(fairCoinTail(10, 0), 1);
    assert.equal(fairCoinTail(10, 11), 0);
    assert.ok(Math.abs(fairCoinTail(10, 10) - 1 / 1024) < 1e-15);
    assert.ok(Math.abs(fairCoinTail(10, 9) - 11 / 1024) < 1e-15);
    assert.ok(Math.abs(fairCoinTail(4, 2) - 11 / 16) < 1e-15);
  });

  it('asks for more readings the more codewords could be blamed', () => {
    assert.equal(readingsNeeded(1), 14); // 2^-14 ≤ 1e-4 < 2^-13
    assert.equal(readingsNeeded(1000), 24);
    assert.ok(readingsNeeded(1000, 6) > readingsNeeded(1000));
  });

  it('never names anyone from too few readings, however well they match', () => {
    const seed = newCodewordSeed();
    const readings: SegmentReading[] = Array.from({ length: 12 }, (_, seq) => ({
      seq,
      strength: codewordBit(seed, seq) === 0 ? 3 : -3,
      t: 20,
      frames: 33,
    }));
    const verdict = judge(readings, [codewordFor('leaker', seed), codewordFor('other', newCodewordSeed())]);
    assert.equal(verdict.verdict, 'not-enough-footage');
  });

  it('names both viewers of a mixed copy once it is long enough, and no one else', () => {
    const [x, y] = [newCodewordSeed(), newCodewordSeed()];
    const innocents = Array.from({ length: 200 }, (_, i) => codewordFor(`innocent-${i}`, newCodewordSeed()));
    // Alternate halves of the copy come from each viewer.
    const readings: SegmentReading[] = Array.from({ length: 400 }, (_, seq) => {
      const bit = codewordBit(seq % 20 < 10 ? x : y, seq);
      return { seq, strength: bit === 0 ? 3 : -3, t: 20, frames: 33 };
    });
    const verdict = judge(readings, [codewordFor('x', x), codewordFor('y', y), ...innocents]);
    assert.equal(verdict.verdict, 'identified');
    assert.deepEqual(verdict.verdict === 'identified' && verdict.suspects.map((s) => s.id).sort(), ['x', 'y']);
  });

  it('leaves unsure readings out', () => {
    const seed = newCodewordSeed();
    const readings: SegmentReading[] = Array.from({ length: 60 }, (_, seq) => ({
      seq,
      strength: codewordBit(seed, seq) === 0 ? 0.3 : -0.3,
      t: 1.5,
      frames: 33,
    }));
    assert.equal(judge(readings, [codewordFor('leaker', seed)]).verdict, 'not-enough-footage');
  });
});

describe('tracing a synthetic leaked clip', function () {
  this.timeout(60_000);
  const segments = 30;
  const reference = referenceRun(segments);
  const spans = spansOf(segments);
  const leaker = newCodewordSeed();
  const viewers = [
    codewordFor('leaker', leaker),
    ...Array.from({ length: 99 }, (_, i) => codewordFor(`v${i}`, newCodewordSeed())),
  ];

  it('finds where a cropped clip starts, the crop, and every segment variant', () => {
    const clip = leakedClip(reference, 4, 24, (seq) => variantOf(leaker, seq), CROP);
    const [first] = matchTimes(clip, reference);
    assert.ok(first && Math.abs(first.offsetSeconds - 4 * 7) <= 0.2, `placed at ${first?.offsetSeconds}`);
    const aligned = refineAlignment(clip, reference, first.offsetSeconds);
    for (const edge of ['left', 'top', 'right', 'bottom'] as const)
      assert.ok(Math.abs(aligned.box[edge] - CROP[edge]) <= 0.02, `${edge} ${aligned.box[edge]} vs ${CROP[edge]}`);
    const readings = readSegments(clip, reference, spans, aligned);
    assert.equal(readings.length, 24);
    for (const r of readings) assert.equal(r.strength > 0 ? 'a' : 'b', variantOf(leaker, r.seq), `segment ${r.seq}`);
  });

  it('names the leaker among 100 viewers, with a bound under the limit', () => {
    const clip = leakedClip(reference, 3, 26, (seq) => variantOf(leaker, seq), CROP);
    const trace = traceClip(clip, reference, spans, viewers);
    assert.ok(trace);
    assert.equal(trace.judgement.verdict, 'identified');
    if (trace.judgement.verdict !== 'identified') return;
    assert.deepEqual(
      trace.judgement.suspects.map((s) => s.id),
      ['leaker'],
    );
    assert.ok(trace.judgement.suspects[0]!.falseMatchChance <= FALSE_ACCUSATION_BOUND);
  });

  it('says "not enough footage" for a short clip', () => {
    const clip = leakedClip(reference, 10, 8, (seq) => variantOf(leaker, seq), CROP);
    assert.equal(traceClip(clip, reference, spans, viewers)?.judgement.verdict, 'not-enough-footage');
  });

  it('names nobody from a copy made through none of the codewords', () => {
    const stranger = newCodewordSeed();
    const clip = leakedClip(reference, 2, 27, (seq) => variantOf(stranger, seq), CROP);
    const trace = traceClip(clip, reference, spans, viewers.slice(1));
    assert.equal(trace?.judgement.verdict, 'unknown');
  });

  it('does not match another recording', () => {
    const other = referenceRun(segments, rng(99));
    const clip = leakedClip(reference, 2, 20, (seq) => variantOf(leaker, seq), CROP);
    assert.equal(frameCount(clip), 20 * FRAMES_PER_SEGMENT * 5);
    assert.equal(traceClip(clip, other, spans, viewers), null);
  });
});
