// The forensic watermark's robustness and identification (issue 16), with the real media and
// domain code in-process (no emulators):
//  1. per-segment reads of real leaked clips: two lectures of 5 min (slides changing every 30 s
//     with a pointer and a speaker picture; testsrc2 motion with the time written large), each
//     segment marked by the ingest's own ffmpeg run, a copy joined from a random codeword, cut at
//     random starts and degraded as a leaker would (system ffmpeg), decoded by decodeClipFrames and
//     traced by traceClip against 1,000 codewords; each reading right / wrong / unsure
//     (|t| < CONFIDENT_T) against the codeword, and the t statistic's median and 5th percentile;
//  2. identification over 1,000 sessions of a 1 h lecture (514 segments) from 5-minute clips,
//     simulated through `judge` with the outcome rates measured in 1, and two colluders mixing
//     their copies per segment (5- and 20-minute clips);
//  3. imperceptibility: luma PSNR / SSIM of each variant against the original, of the mark alone
//     (the filter graph, losslessly encoded) and of an unmarked re-encode at the variants' rate.
// Goals: right viewer named ≥ 99 %, wrong viewer ≤ 0.1 %. Reports only: always exits 0.
// At the ladder's rungs (issue 27): LV_FORENSIC_RUNGS=source,r360,r234 makes the lectures at LiveKit's
// default preset (1280×720, 30 fps, 3 Mbit/s), marks each segment through the ingest's ladder run
// (media/ladder-variants.ts), and leaks a copy ripped from each rung named (the rung's segments as a
// player fetches them); every table then has a row per lecture and rung.
//   npx tsx bench/forensic-trace.ts          (~10 min on 2 shared cores; LV_BENCH_QUICK=1: ~1 min)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import {
  REFERENCE_FPS,
  codewordBit,
  newCodewordSeed,
  variantFilterGraph,
} from '../functions/src/domain/forensic/forensic-mark';
import { MAX_PLACEMENTS, matchTimes, refineAlignment } from '../functions/src/domain/forensic/forensic-align';
import {
  CONFIDENT_T,
  judge,
  MIN_CONTENT_MATCH,
  readingsNeeded,
  readSegments,
  traceClip,
  type Codeword,
  type SegmentReading,
} from '../functions/src/domain/forensic/forensic-decode';
import { decodeClipFrames } from '../functions/src/media/clip-frames';
import { variantArgs, variantBitrate } from '../functions/src/media/forensic-variants';
import { lectureSegments } from '../functions/test/kit/media';
import {
  durationsOf,
  FONT,
  lavfiSegments,
  lumaQuality,
  markLadderSegment,
  markSegment,
  packagedFfmpeg,
  PRESET_720P,
  presetSegments,
  referenceOf,
  rng,
  scratch,
  SEGMENT_SECONDS,
  slidesVideo,
  systemFfmpeg,
  type MarkedSegment,
  type RungChoice,
  type Segments,
} from './forensic-media';
import { fixed, median, percentile, table, verdict } from './stats';

const QUICK = process.env.LV_BENCH_QUICK === '1';
const LECTURE_SECONDS = QUICK ? 63 : 301; // 43 segments: the last one 0 s short of 7
const CLIP_SECONDS = QUICK ? 35 : 70;
const STARTS_PER_DEGRADATION = QUICK ? 1 : 4;
const CODEWORDS = 1000;
const HOUR_SEGMENTS = 514; // seq 0…513: 1 h in 7 s segments
const WINDOW_SEGMENTS = Math.round(300 / SEGMENT_SECONDS); // a 5-minute clip: 43
const TRIALS = QUICK ? 300 : 5000;
const COLLUDER_TRIALS = QUICK ? 200 : 1000;
const GOAL_RIGHT = 0.99;
const GOAL_WRONG = 0.001;
/** The rungs whose copies are leaked; any but the source rung makes the lectures at 720p30 and ladders them. */
const RUNGS = (process.env.LV_FORENSIC_RUNGS ?? 'source').split(',').map((r) => r.trim()) as RungChoice[];
const LADDERED = RUNGS.some((r) => r !== 'source');

const dir = scratch('forensic-trace');
const random = rng(16);

// ------------------------------------------------------------------ contents and their marks

interface Content {
  /** The lecture, and the rung its copy was ripped from when the run has more than the source rung. */
  name: string;
  rung: RungChoice;
  segments: Segments;
  marked: MarkedSegment[];
  reference: ReturnType<typeof referenceOf>;
  /** The leaker's codeword, and the copy joined from it (MPEG-TS concatenated, as the player fetches it). */
  leaker: string;
  copy: string;
  markCpuSeconds: number;
}

/** A lecture marked as ingest marks it, and the leaker's copy ripped from each rung in RUNGS (one per rung). */
async function makeContents(lecture: string, segments: Segments): Promise<Content[]> {
  const seconds = durationsOf(segments.playlist);
  const started = process.hrtime.bigint();
  const byRung = new Map<RungChoice, MarkedSegment[]>(RUNGS.map((rung) => [rung, []]));
  for (const [seq, raw] of segments.files.entries()) {
    const duration = seconds[seq] ?? SEGMENT_SECONDS;
    const marked = LADDERED
      ? await markLadderSegment(raw, duration, RUNGS)
      : new Map([['source' as const, await markSegment(raw, duration)]]);
    for (const [rung, segment] of marked) byRung.get(rung)!.push(segment);
  }
  const markCpuSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const leaker = newCodewordSeed();
  return RUNGS.map((rung) => {
    const marked = byRung.get(rung)!;
    const name = LADDERED ? `${lecture} ${rung === 'source' ? 'source' : `${rung.slice(1)}p`}` : lecture;
    const copy = path.join(dir, `${lecture}-${rung}-copy.ts`);
    writeFileSync(copy, Buffer.concat(marked.map((m, seq) => (codewordBit(leaker, seq) === 0 ? m.a : m.b))));
    return { name, rung, segments, marked, reference: referenceOf(marked), leaker, copy, markCpuSeconds };
  });
}

// ------------------------------------------------------------------ the leaker's degradations

/** The player's moving watermark (name · masked email · session), as a screen capture keeps it. */
const OVERLAY_TEXT = 'Ada L. - a***@uni.edu - 7f3a9c';
// A new random-looking spot every 4 s, like the player's (always inside the picture: w and h are
// the picture's size in drawtext, iw and ih in crop, W and H in overlay).
const bandX = (w: string) => `'mod(floor(t/4)*137,${w}-350)'`;
const bandY = (h: string) => `'2+mod(floor(t/4)*89,${h}-60)'`;
/** The watermark drawn, then the band it sits in box-blurred (the leaker following it frame by frame). */
const OVERLAY_BLURRED =
  `drawtext=fontfile=${FONT}:fontsize=18:fontcolor=white@0.55:shadowcolor=black@0.6:shadowx=1:shadowy=1:` +
  `x='10+mod(floor(t/4)*137,w-350)':y='10+mod(floor(t/4)*89,h-60)':text='${OVERLAY_TEXT}',split[m][c];` +
  `[c]crop=330:34:${bandX('iw')}:${bandY('ih')},boxblur=lr=12:lp=3:cr=6:cp=3[blurred];` +
  `[m][blurred]overlay=x=${bandX('W')}:y=${bandY('H')}`;
const CROP_10 = 'crop=trunc(iw*0.8/2)*2:trunc(ih*0.8/2)*2:trunc(iw*0.1):trunc(ih*0.1)';
// left 8 %, top 3 %, right 10 %, bottom 6 %
const CROP_ASYM = 'crop=trunc(iw*0.82/2)*2:trunc(ih*0.91/2)*2:trunc(iw*0.08):trunc(ih*0.03)';
const X264 = (crf: number) => ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-pix_fmt', 'yuv420p'];

interface Degradation {
  name: string;
  args: string[];
  /** The video stream is copied, not re-encoded. */
  copies?: boolean;
}

/** Where the clip truly starts: a stream copy (MP4) starts at the first keyframe at or after the cut. */
function trueStart(start: number, degradation: Degradation): number {
  return degradation.copies ? Math.ceil(start / SEGMENT_SECONDS) * SEGMENT_SECONDS : start;
}
const offBy = (offsetSeconds: number, start: number, degradation: Degradation): number =>
  Math.abs(offsetSeconds - trueStart(start, degradation));

const DEGRADATIONS: Degradation[] = [
  // Video stream copied as served: what stripping the audio does (the tracer ignores audio anyway).
  { name: 'audio removed (video as served)', args: ['-map', '0:v', '-c:v', 'copy', '-an'], copies: true },
  { name: 'scaled to 320 px wide, CRF 32', args: ['-vf', 'scale=320:-2', ...X264(32), '-an'] },
  { name: 'frame rate halved (12.5 fps)', args: ['-vf', 'fps=12.5', ...X264(23), '-an'] },
  { name: 'cropped 10 % each edge', args: ['-vf', CROP_10, ...X264(23), '-an'] },
  { name: 'cropped 8/3/10/6 % (l/t/r/b)', args: ['-vf', CROP_ASYM, ...X264(23), '-an'] },
  { name: 'watermark overlay blurred', args: ['-filter_complex', `[0:v]${OVERLAY_BLURRED}`, ...X264(23), '-an'] },
  {
    name: 'all at once',
    args: ['-filter_complex', `[0:v]${OVERLAY_BLURRED}[o];[o]${CROP_ASYM},fps=12.5,scale=320:-2`, ...X264(32), '-an'],
  },
];

/** The leaker's clip: `seconds` from `start` of the copy, degraded, as an MP4. */
function leak(copy: string, start: number, seconds: number, degradation: Degradation): Buffer {
  const out = path.join(dir, 'clip.mp4');
  systemFfmpeg([
    '-ss',
    String(start),
    '-i',
    copy,
    '-t',
    String(seconds),
    ...degradation.args,
    '-movflags',
    '+faststart',
    out,
  ]);
  return readFileSync(out);
}

// ------------------------------------------------------------------ part 1: reads of real clips

interface Tally {
  right: number;
  wrong: number;
  unsure: number;
  /** Segments the clip covers (3 s or more) that gave no reading at all: not matched, or too few frames. */
  unread: number;
  /** t signed so that > 0 agrees with the leaker's codeword. */
  t: number[];
  /** Per clip: the best content match (mean thumbnail correlation) and how many placements passed MIN_CONTENT_MATCH. */
  bestMatch: number[];
  placements: number[];
  clips: number;
  /** Clips traceClip placed more than PLACED_WITHIN from where they start. */
  misplaced: number;
}
/** A placement this close to where the clip truly starts is the right one (they are ≥ 1 s apart). */
const PLACED_WITHIN = 1;
const newTally = (): Tally => ({
  right: 0,
  wrong: 0,
  unsure: 0,
  unread: 0,
  t: [],
  bestMatch: [],
  placements: [],
  clips: 0,
  misplaced: 0,
});
/** Every segment the clips covered: read (right, wrong, unsure) or not. */
const covered = (t: Tally) => t.right + t.wrong + t.unsure + t.unread;

const seedCodeword = (id: string, seed: string): Codeword => ({ id, bit: (seq) => codewordBit(seed, seq) });

async function readClips(content: Content, innocents: Codeword[]): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>();
  const codewords = [seedCodeword('leaker', content.leaker), ...innocents];
  const total = durationsOf(content.segments.playlist).reduce((a, b) => a + b, 0);
  // The same random starts for every degradation, so the rows differ only by what was done.
  const starts = Array.from(
    { length: STARTS_PER_DEGRADATION },
    () => Math.round(random() * (total - CLIP_SECONDS) * 10) / 10,
  );
  for (const degradation of DEGRADATIONS) {
    const tally = newTally();
    for (const start of starts) {
      const frames = await decodeClipFrames(leak(content.copy, start, CLIP_SECONDS, degradation));
      const { run, spans } = content.reference;
      const all = matchTimes(frames, run);
      const matches = all.filter((p) => p.score >= MIN_CONTENT_MATCH);
      tally.bestMatch.push(all[0]?.score ?? 0);
      tally.placements.push(matches.length);
      // What the tracer itself makes of the clip: too short to name anyone, it falls back to the
      // best content match, which on repeating content may be the wrong moment.
      const trace = traceClip(frames, run, spans, codewords, 0, matches);
      tally.clips++;
      if (trace && offBy(trace.placement.offsetSeconds, start, degradation) > PLACED_WITHIN) tally.misplaced++;
      // The reads themselves, at the placement nearest the truth: the one a clip long enough to
      // name someone is judged at (traceClip keeps the placement that names with the least doubt).
      const off = (p: { offsetSeconds: number }) => offBy(p.offsetSeconds, start, degradation);
      const nearest = [...matches].sort((a, b) => off(a) - off(b))[0];
      const readings =
        nearest && off(nearest) <= PLACED_WITHIN
          ? readSegments(frames, run, spans, refineAlignment(frames, run, nearest.offsetSeconds))
          : [];
      for (const r of readings) count(tally, r, codewordBit(content.leaker, r.seq));
      // Covered: the segments the clip shows 3 s or more of.
      const [from, to] = [trueStart(start, degradation), start + CLIP_SECONDS];
      const read = new Set(readings.map((r) => r.seq));
      tally.unread += spans.filter((span) => {
        const [a, b] = [span.firstFrame / REFERENCE_FPS, (span.firstFrame + span.frames) / REFERENCE_FPS];
        return Math.min(b, to) - Math.max(a, from) >= 3 && !read.has(span.seq);
      }).length;
    }
    tallies.set(degradation.name, tally);
  }
  return tallies;
}

/** The whole 5-minute copy leaked at once, traced end to end against all the codewords. */
async function traceWholeCopy(content: Content, innocents: Codeword[], degradation: Degradation): Promise<string[]> {
  const frames = await decodeClipFrames(leak(content.copy, 0, LECTURE_SECONDS, degradation));
  const codewords = [seedCodeword('leaker', content.leaker), ...innocents];
  const trace = traceClip(frames, content.reference.run, content.reference.spans, codewords);
  const j = trace?.judgement;
  const confident = trace?.readings.filter((r) => Math.abs(r.t) >= CONFIDENT_T) ?? [];
  const agreeing = confident.filter((r) => (r.strength > 0 ? 0 : 1) === codewordBit(content.leaker, r.seq)).length;
  const named =
    j?.verdict === 'identified'
      ? j.suspects
          .map((s) =>
            s.id === 'leaker' ? `the leaker (chance ${s.falseMatchChance.toExponential(1)})` : 'an innocent',
          )
          .join(', ')
      : '–';
  return [
    content.name,
    degradation.name,
    j?.verdict ?? 'not matched',
    named,
    `${agreeing} / ${confident.length} of ${trace?.readings.length ?? 0}`,
    j?.verdict === 'not-enough-footage' ? String(j.needed) : '',
  ];
}

function count(tally: Tally, r: SegmentReading, bit: 0 | 1): void {
  const agreeing = bit === 0 ? r.t : -r.t;
  tally.t.push(agreeing);
  if (Math.abs(r.t) < CONFIDENT_T) tally.unsure++;
  else if (agreeing > 0) tally.right++;
  else tally.wrong++;
}

const share = (k: number, n: number) => (n ? `${fixed((100 * k) / n, 1)} %` : '–');

// ------------------------------------------------------------------ part 2: identification, simulated

interface Rates {
  right: number;
  wrong: number;
  unsure: number;
}
/** Per covered segment; a segment not read counts as unsure (it adds nothing to a judgement either way). */
const ratesOf = (t: Tally): Rates => {
  const n = Math.max(1, covered(t));
  return { right: t.right / n, wrong: t.wrong / n, unsure: (t.unsure + t.unread) / n };
};

/** The upper end of a 95 % (Wilson) interval for a rate of k in n: what k = 0 of a small n still allows. */
function upper95(k: number, n: number): number {
  const z = 1.96;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return Math.min(1, (centre + spread) / (1 + (z * z) / n));
}

/** 1,000 sessions' codewords over a 1 h lecture, as bits (the HMAC once per seq, not per judgement). */
function hourCodewords(): { codewords: Codeword[]; bits: Uint8Array[] } {
  const bits = Array.from({ length: CODEWORDS }, () => {
    const seed = newCodewordSeed();
    return Uint8Array.from({ length: HOUR_SEGMENTS }, (_, seq) => codewordBit(seed, seq));
  });
  return { bits, codewords: bits.map((b, i) => ({ id: String(i), bit: (seq) => b[seq] as 0 | 1 })) };
}

/** A reading of a segment whose copy carries `bit`, right, wrong or unsure at the measured rates. */
function simulatedReading(seq: number, bit: number, rates: Rates, draw: () => number): SegmentReading {
  const u = draw();
  const sign = bit === 0 ? 1 : -1;
  if (u < rates.unsure) return { seq, strength: sign * 0.2, t: sign * 1, frames: 33 };
  const agree = u < rates.unsure + rates.right ? 1 : -1;
  return { seq, strength: agree * sign * 3, t: agree * sign * 12, frames: 33 };
}

interface IdentifyResult {
  right: number;
  wrong: number;
  nobody: number;
}

function identifyTrials(rates: Rates, placements: number, world: ReturnType<typeof hourCodewords>): IdentifyResult {
  const draw = rng(7 + placements);
  const result = { right: 0, wrong: 0, nobody: 0 };
  for (let trial = 0; trial < TRIALS; trial++) {
    const leaker = Math.floor(draw() * CODEWORDS);
    const from = Math.floor(draw() * (HOUR_SEGMENTS - WINDOW_SEGMENTS + 1));
    const clip = Array.from({ length: WINDOW_SEGMENTS }, (_, k) =>
      simulatedReading(from + k, world.bits[leaker]![from + k]!, rates, draw),
    );
    const j = judge(clip, world.codewords, placements);
    if (j.verdict !== 'identified') result.nobody++;
    else if (j.suspects.some((s) => s.id !== String(leaker))) result.wrong++;
    else result.right++;
  }
  return result;
}

interface CollusionResult {
  both: number;
  one: number;
  none: number;
  innocent: number;
}

function collusionTrials(
  rates: Rates,
  segments: number,
  placements: number,
  world: ReturnType<typeof hourCodewords>,
): CollusionResult {
  const draw = rng(99 + segments);
  const result = { both: 0, one: 0, none: 0, innocent: 0 };
  for (let trial = 0; trial < COLLUDER_TRIALS; trial++) {
    const x = Math.floor(draw() * CODEWORDS);
    const y = (x + 1 + Math.floor(draw() * (CODEWORDS - 1))) % CODEWORDS;
    const from = Math.floor(draw() * (HOUR_SEGMENTS - segments + 1));
    // Per segment, one colluder's copy at random.
    const clip = Array.from({ length: segments }, (_, k) =>
      simulatedReading(from + k, world.bits[draw() < 0.5 ? x : y]![from + k]!, rates, draw),
    );
    const j = judge(clip, world.codewords, placements);
    const named = j.verdict === 'identified' ? j.suspects.map((s) => Number(s.id)) : [];
    if (named.some((id) => id !== x && id !== y)) result.innocent++;
    const colluders = named.filter((id) => id === x || id === y).length;
    if (colluders === 2) result.both++;
    else if (colluders === 1) result.one++;
    else result.none++;
  }
  return result;
}

// ------------------------------------------------------------------ part 3: imperceptibility

interface Quality {
  label: string;
  psnr: number[];
  ssim: number[];
}

/** The variants, the mark alone (lossless) and an unmarked re-encode at the variants' rate, against the original. */
function qualityOf(content: Content, seqs: number[]): Quality[] {
  const rows: Quality[] = [
    'variant A',
    'variant B',
    'mark alone, A (lossless)',
    'mark alone, B (lossless)',
    'unmarked re-encode',
  ].map((label) => ({ label, psnr: [], ssim: [] }));
  const durations = durationsOf(content.segments.playlist);
  for (const seq of seqs) {
    const original = path.join(dir, 'original.ts');
    writeFileSync(original, content.segments.files[seq]!);
    const a = path.join(dir, 'a.ts');
    const b = path.join(dir, 'b.ts');
    writeFileSync(a, content.marked[seq]!.a);
    writeFileSync(b, content.marked[seq]!.b);
    // The ingest's filter graph, its [va] and [vb] encoded losslessly (FFV1): the mark's own change.
    const [la, lb] = [path.join(dir, 'la.mkv'), path.join(dir, 'lb.mkv')];
    packagedFfmpeg([
      '-i',
      original,
      '-filter_complex',
      variantFilterGraph(),
      '-map',
      '[va]',
      '-c:v',
      'ffv1',
      la,
      '-map',
      '[vb]',
      '-c:v',
      'ffv1',
      lb,
      '-map',
      '[ref]',
      '-f',
      'null',
      '-',
    ]);
    // The variants' own encoder arguments (media/forensic-variants.ts) with the mark taken out.
    const unmarked = path.join(dir, 'unmarked.ts');
    const bitrate = variantBitrate(content.segments.files[seq]!.length, durations[seq] ?? SEGMENT_SECONDS);
    const encoder = variantArgs(bitrate);
    const videoArgs = encoder.slice(encoder.indexOf('-c:v'), encoder.indexOf('pipe:3') - 2);
    packagedFfmpeg(['-i', original, '-map', '0:v', '-map', '0:a?', ...videoArgs, '-f', 'mpegts', unmarked]);
    for (const [row, file] of [a, b, la, lb, unmarked].entries()) {
      const q = lumaQuality(file, original);
      rows[row]!.psnr.push(q.psnr);
      rows[row]!.ssim.push(q.ssim);
    }
  }
  return rows;
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  setPriority(10); // every ffmpeg this process starts inherits it: others share the machine
  const t0 = Date.now();
  const elapsed = () => `${fixed((Date.now() - t0) / 1000, 0)} s`;
  const slidesDir = path.join(dir, 'slides');
  mkdirSync(slidesDir);
  const motionDir = path.join(dir, 'motion');
  mkdirSync(motionDir);
  const contents: Content[] = [];
  if (LADDERED) {
    // The running time written large over testsrc2, as lectureSegments draws it at 640×360.
    const motion = `testsrc2=size=1280x720:rate=30,drawtext=fontfile=${FONT}:fontsize=128:fontcolor=white:box=1:boxcolor=black@0.7:x=80:y=80:text='%{pts\\:hms}'`;
    contents.push(
      ...(await makeContents('slides', presetSegments(slidesVideo(LECTURE_SECONDS), LECTURE_SECONDS, slidesDir))),
    );
    contents.push(...(await makeContents('motion', presetSegments(motion, LECTURE_SECONDS, motionDir))));
  } else {
    contents.push(
      ...(await makeContents('slides', lavfiSegments(slidesVideo(LECTURE_SECONDS), LECTURE_SECONDS, slidesDir))),
    );
    contents.push(...(await makeContents('motion', lectureSegments(LECTURE_SECONDS))));
  }
  const picture = LADDERED ? `${PRESET_720P.width}×${PRESET_720P.height} ${PRESET_720P.fps} fps` : '640×360';
  for (const c of contents.filter((x) => x.rung === RUNGS[0]))
    console.log(
      `${c.name}: ${c.segments.files.length} segments of ${picture} (${LECTURE_SECONDS} s), variants${LADDERED ? ` at ${RUNGS.join(', ')}` : ''} made in ${fixed(c.markCpuSeconds, 0)} s wall by the ingest's ffmpeg run [${elapsed()}]`,
    );

  // Part 3 first: it needs nothing else.
  console.log('\nImperceptibility (luma, mean over sampled segments; higher is closer to the original)');
  const qualityRows: string[][] = [['content', 'copy vs original', 'PSNR-Y dB', 'SSIM-Y']];
  for (const c of contents.filter((x) => x.rung === 'source')) {
    const n = c.segments.files.length;
    const seqs = [...new Set([0, Math.floor(n / 3), Math.floor((2 * n) / 3)])];
    for (const q of qualityOf(c, seqs))
      qualityRows.push([c.name, q.label, fixed(mean(q.psnr), 2), fixed(mean(q.ssim), 4)]);
  }
  console.log(table(qualityRows));
  console.log(`[${elapsed()}]`);

  // Part 1.
  const innocents = Array.from({ length: CODEWORDS - 1 }, (_, i) => seedCodeword(`innocent-${i}`, newCodewordSeed()));
  console.log(
    `\nPer-segment reads of real leaked clips (${CLIP_SECONDS} s from ${STARTS_PER_DEGRADATION} random starts per row, read at the placement nearest the truth; unsure: |t| < ${CONFIDENT_T}; traceClip off: clips the tracer itself placed > ${PLACED_WITHIN} s away)`,
  );
  const all = new Map<string, Map<string, Tally>>();
  for (const c of contents) all.set(c.name, await readClips(c, innocents));
  const rows: string[][] = [
    [
      'content',
      'degradation',
      'segments',
      'right',
      'wrong',
      'unsure',
      'not read',
      't median',
      't p5',
      'best match',
      'placements',
      'traceClip off',
    ],
  ];
  for (const [name, tallies] of all)
    for (const [degradation, t] of tallies)
      rows.push([
        name,
        degradation,
        String(covered(t)),
        share(t.right, covered(t)),
        share(t.wrong, covered(t)),
        share(t.unsure, covered(t)),
        share(t.unread, covered(t)),
        fixed(median(t.t), 1),
        fixed(percentile(t.t, 5), 1),
        `${fixed(Math.min(...t.bestMatch), 2)}–${fixed(Math.max(...t.bestMatch), 2)}`,
        `${Math.min(...t.placements)}–${Math.max(...t.placements)}`,
        `${t.misplaced} of ${t.clips}`,
      ]);
  console.log(table(rows));
  console.log(`[${elapsed()}]`);

  console.log(`\nThe whole ${LECTURE_SECONDS} s copy leaked, traced end to end against ${CODEWORDS} codewords`);
  const wholeRows: string[][] = [
    ['content', 'degradation', 'verdict', 'named', 'confident agreeing / confident of read', 'needed'],
  ];
  for (const c of contents)
    for (const d of [DEGRADATIONS[0]!, DEGRADATIONS.at(-1)!]) wholeRows.push(await traceWholeCopy(c, innocents, d));
  console.log(table(wholeRows));
  console.log(`[${elapsed()}]`);

  // The worst single row (fewest right readings), and all at once on the content it did worst on.
  const cells = [...all].flatMap(([name, tallies]) =>
    [...tallies].map(([degradation, t]) => ({ name, degradation, t })),
  );
  const worst = cells.reduce((w, c) => (ratesOf(c.t).right < ratesOf(w.t).right ? c : w));
  const combined = cells
    .filter((c) => c.degradation === 'all at once')
    .reduce((w, c) => (ratesOf(c.t).right < ratesOf(w.t).right ? c : w));
  // The wrong rate at the top of its 95 % interval (what a few dozen clean readings still allow), taken from the right ones.
  const pessimistic = (t: Tally): Rates => {
    const r = ratesOf(t);
    const wrong = Math.min(upper95(t.wrong, Math.max(1, covered(t))), r.right + r.wrong);
    return { wrong, unsure: r.unsure, right: r.right + r.wrong - wrong };
  };
  // The worst row among those the tracer could place (a clip it cannot match is no reading at all, below).
  const placed = cells.filter((c) => c.t.unread < covered(c.t) / 2);
  const worstPlaced = placed.length
    ? placed.reduce((w, c) => (ratesOf(c.t).right < ratesOf(w.t).right ? c : w))
    : worst;
  const placedCombined = placed.filter((c) => c.degradation === 'all at once');
  const combinedPlaced = placedCombined.length
    ? placedCombined.reduce((w, c) => (ratesOf(c.t).right < ratesOf(w.t).right ? c : w))
    : combined;
  const combinedOf = (name: string) => cells.find((c) => c.name === name && c.degradation === 'all at once')!;
  const scenarios = [
    { label: `worst row (${worst.name}, ${worst.degradation})`, rates: ratesOf(worst.t) },
    ...(worstPlaced === worst
      ? []
      : [
          {
            label: `worst placed row (${worstPlaced.name}, ${worstPlaced.degradation})`,
            rates: ratesOf(worstPlaced.t),
          },
        ]),
    ...contents.map((c) => ({ label: `all at once (${c.name})`, rates: ratesOf(combinedOf(c.name).t) })),
    { label: `all at once (${combinedPlaced.name}), wrong at its 95 % bound`, rates: pessimistic(combinedPlaced.t) },
  ];

  // Part 2.
  const world = hourCodewords();
  console.log(
    `\nIdentification: ${CODEWORDS} sessions of a 1 h lecture (${HOUR_SEGMENTS} segments), ${TRIALS} random 5-minute clips (${WINDOW_SEGMENTS} segments); ` +
      `readings needed: ${readingsNeeded(CODEWORDS, 1)} (1 placement), ${readingsNeeded(CODEWORDS, MAX_PLACEMENTS)} (${MAX_PLACEMENTS})`,
  );
  const idRows: string[][] = [
    ['outcome rates', 'right / wrong / unsure', 'placements', 'right named', 'wrong named', 'nobody', 'goal'],
  ];
  for (const s of scenarios)
    for (const placements of [1, MAX_PLACEMENTS]) {
      const r = identifyTrials(s.rates, placements, world);
      const met = r.right / TRIALS >= GOAL_RIGHT && r.wrong / TRIALS <= GOAL_WRONG;
      idRows.push([
        s.label,
        `${fixed(100 * s.rates.right, 1)} / ${fixed(100 * s.rates.wrong, 1)} / ${fixed(100 * s.rates.unsure, 1)} %`,
        String(placements),
        share(r.right, TRIALS),
        share(r.wrong, TRIALS),
        share(r.nobody, TRIALS),
        verdict(met),
      ]);
    }
  console.log(table(idRows));
  console.log(`goal: right ≥ ${100 * GOAL_RIGHT} %, wrong ≤ ${100 * GOAL_WRONG} % [${elapsed()}]`);

  console.log(
    `\nTwo colluders mixing their copies per segment (${COLLUDER_TRIALS} trials each, ${MAX_PLACEMENTS} placements)`,
  );
  const colRows: string[][] = [['outcome rates', 'clip', 'both named', 'one', 'none', 'an innocent named']];
  for (const s of scenarios.filter((x) => x.rates.unsure < 1).slice(0, 3))
    for (const minutes of [5, 20]) {
      const segments = Math.round((minutes * 60) / SEGMENT_SECONDS);
      const r = collusionTrials(s.rates, segments, MAX_PLACEMENTS, world);
      colRows.push([
        s.label,
        `${minutes} min (${segments} segments)`,
        share(r.both, COLLUDER_TRIALS),
        share(r.one, COLLUDER_TRIALS),
        share(r.none, COLLUDER_TRIALS),
        share(r.innocent, COLLUDER_TRIALS),
      ]);
    }
  console.log(table(colRows));
  console.log(`\ndone in ${elapsed()}`);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
