// A leaked clip as the tracer reads it: decoded by ffmpeg to 64×36 luma frames at 25 fps (audio
// ignored). Only a real video file is decoded (issue 26): its first bytes must show an MP4/MOV,
// Matroska/WebM or MPEG-TS file; a bounded probe, with that demuxer forced and no protocol but the
// one local file, reads its picture size and length, and a clip over 4096×2160 or ten minutes is
// refused before any decoding; the decode itself runs single-threaded under a CPU and a wall-clock
// budget well inside Hosting's 60 s, and is killed past them. A refusal says so in our words:
// never what ffmpeg said, which names our temp path. The clip is written to a private temp file
// first: an MP4 keeps its index at the end, which ffmpeg can only reach in a file it can seek (a
// Cloud Functions /tmp is memory, freed at once).
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE_HEIGHT, REFERENCE_WIDTH } from '../domain/forensic/forensic-mark';
import type { FrameRun } from '../domain/forensic/forensic-align';
import {
  CLIP_CONTAINERS,
  clipContainer,
  MAX_CLIP_HEIGHT,
  MAX_CLIP_SECONDS,
  MAX_CLIP_WIDTH,
  probeRefusal,
  type ClipContainer,
  type ClipProbe,
  type ProbeRefusal,
} from '../domain/forensic/trace-clip';
import { FfmpegFailed, FfmpegOverBudget, ffmpegOutput, type FfmpegBudget } from './ffmpeg';

export { MAX_CLIP_SECONDS };
export const CLIP_FPS = 25;

/** The probe reads headers only: a few seconds at most, or the file is not what it claims. */
export const PROBE_BUDGET: Required<FfmpegBudget> = { wallMs: 5_000, cpuSeconds: 5 };
/**
 * The decode: the search and the trace still have to run after it, and Hosting's proxy ends the
 * request at 60 s (docs/production.md). An honest 3-minute clip decodes in a few seconds.
 */
export const DECODE_BUDGET: Required<FfmpegBudget> = { wallMs: 20_000, cpuSeconds: 20 };
/** What the probe reads of the file to find its streams (ffmpeg's defaults are 5 MB and 5 s). */
const PROBE_BYTES = 5_000_000;
/** What ffmpeg may say about a file's streams; a file whose tags say more is not a clip of ours. */
const PROBE_SAID_BYTES = 64 * 1024;

export type ClipUnreadable = 'not-a-video' | ProbeRefusal | 'too-costly';

export class UnreadableClip extends Error {
  constructor(
    readonly reason: ClipUnreadable,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<ClipUnreadable, string> = {
  'not-a-video': 'not a video file the tracer reads: send an MP4/MOV, Matroska/WebM or MPEG-TS file',
  'no-video': 'a file with no video the tracer can read',
  'too-many-pixels': `larger than ${MAX_CLIP_WIDTH}×${MAX_CLIP_HEIGHT}: scale it down first`,
  'too-long': `longer than ${MAX_CLIP_SECONDS / 60} minutes: cut the part to trace (about three minutes is enough)`,
  'too-costly': `too costly to decode in the ${DECODE_BUDGET.wallMs / 1000} s a trace may take: cut a shorter part or scale it down`,
};

const unreadable = (reason: ClipUnreadable) => new UnreadableClip(reason, MESSAGES[reason]);

/** The options that hold every ffmpeg run on a clip to the one local file, read as `container`. */
const inputArgs = (container: ClipContainer, file: string) => [
  '-protocol_whitelist',
  'file',
  '-format_whitelist',
  CLIP_CONTAINERS.join(','),
  '-probesize',
  String(PROBE_BYTES),
  '-analyzeduration',
  String(PROBE_BYTES),
  '-f',
  container,
  '-threads',
  '1',
  // The decoder's own bound, should the probe have been fooled.
  '-max_pixels',
  String(MAX_CLIP_WIDTH * MAX_CLIP_HEIGHT),
  '-i',
  `file:${file}`,
];

export interface DecodeOptions {
  /** Budgets other than the defaults (the tests' short ones). */
  decodeBudget?: FfmpegBudget;
  /** Sees each ffmpeg child as it starts (a test reads its environment). */
  onStart?: (child: ChildProcess) => void;
}

export async function decodeClipFrames(clip: Buffer, options: DecodeOptions = {}): Promise<FrameRun> {
  const container = clipContainer(clip.subarray(0, 1024));
  if (!container) throw unreadable('not-a-video');
  const dir = await mkdtemp(path.join(tmpdir(), 'lv-clip-'));
  try {
    const file = path.join(dir, 'clip');
    await writeFile(file, clip, { mode: 0o600 });
    const refusal = probeRefusal(await probe(container, file, options));
    if (refusal) throw unreadable(refusal);
    return await decodeFile(container, file, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** ffmpeg's own reading of the file's streams (it has no output: ffmpeg says what it found and stops). */
async function probe(container: ClipContainer, file: string, options: DecodeOptions): Promise<ClipProbe> {
  const said = await ffmpegOutput(inputArgs(container, file), {
    budget: PROBE_BUDGET,
    loglevel: 'info',
    stderrTailBytes: PROBE_SAID_BYTES,
    onStart: options.onStart,
  }).then(
    (done) => done.stderr,
    (error: unknown) => {
      if (error instanceof FfmpegOverBudget) throw unreadable('not-a-video');
      if (error instanceof FfmpegFailed) return error.stderr; // "At least one output file must be specified"
      throw error; // ffmpeg did not start at all: not the clip's fault
    },
  );
  // Cut short, it may have lost the line of the largest stream: a refusal, not a guess.
  // (A tail cut inside a UTF-8 character decodes a few bytes shorter or longer: hence the margin.)
  if (Buffer.byteLength(said) >= PROBE_SAID_BYTES - 4) throw unreadable('not-a-video');
  return parseProbe(said);
}

/**
 * The largest picture and the longest duration ffmpeg printed. Only whole lines that start as
 * ffmpeg's own do (tag text is printed indented after "key :"), and the largest wins, so a tag
 * that mimics a small stream cannot hide the real one.
 */
export function parseProbe(stderr: string): ClipProbe {
  let width: number | null = null;
  let height: number | null = null;
  let durationSeconds: number | null = null;
  for (const line of stderr.split('\n')) {
    const duration = /^\s*Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?),/.exec(line);
    if (duration) {
      const seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
      durationSeconds = Math.max(durationSeconds ?? 0, seconds);
    }
    if (!/^\s*Stream #\d+:\d+\S*: Video: /.test(line)) continue;
    for (const size of line.matchAll(/(?:^|[\s,])(\d{1,6})x(\d{1,6})(?=[\s,]|$)/g)) {
      const [w, h] = [Number(size[1]), Number(size[2])];
      if (w * h > (width ?? 0) * (height ?? 0)) [width, height] = [w, h];
    }
  }
  return { width, height, durationSeconds };
}

async function decodeFile(container: ClipContainer, file: string, options: DecodeOptions): Promise<FrameRun> {
  const args = [
    ...inputArgs(container, file),
    '-map',
    '0:v:0',
    '-t',
    String(MAX_CLIP_SECONDS),
    '-an',
    '-sn',
    '-dn',
    '-filter_threads',
    '1',
    '-vf',
    `fps=${CLIP_FPS},scale=${REFERENCE_WIDTH}:${REFERENCE_HEIGHT}:flags=area,format=gray`,
    '-f',
    'rawvideo',
    'pipe:1',
  ];
  const pixels = await ffmpegOutput(args, {
    budget: options.decodeBudget ?? DECODE_BUDGET,
    onStart: options.onStart,
  }).then(
    (done) => done.stdout,
    (error: unknown) => {
      if (error instanceof FfmpegOverBudget) throw unreadable('too-costly');
      if (error instanceof FfmpegFailed) return Buffer.alloc(0);
      throw error;
    },
  );
  if (pixels.length === 0) throw unreadable('no-video');
  return {
    fps: CLIP_FPS,
    startSeconds: 0,
    pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length),
  };
}
