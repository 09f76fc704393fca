// One ffmpeg run per segment of a marked recording (docs/forensic-watermark.md): the raw segment in
// on stdin, variants A and B (MPEG-TS, H.264 re-encoded with the mark, audio copied, timestamps
// kept) out on fds 3 and 4, and the original's reference frames (raw gray) on fd 5. One decode for
// all three; every output is a stream, so memory stays flat whatever the segment's size.
import type { Readable } from 'node:stream';
import { variantFilterGraph } from '../domain/forensic/forensic-mark';
import { runFfmpeg } from './ffmpeg';
import { withoutSdt } from './ts-packets';

/** The variants are encoded at this share of the source's bitrate (video only: the audio is copied). */
const VIDEO_SHARE = 0.85;
/** A floor, so a tiny or mis-sized chunk still gets a usable encoder rate. */
const MIN_BITRATE = 200_000;

/** Bits per second for each variant's video: about the source's, so each is about the original's size. */
export function variantBitrate(rawBytes: number, durationSeconds: number): number {
  const seconds = durationSeconds > 0 ? durationSeconds : 1;
  return Math.max(MIN_BITRATE, Math.round(((rawBytes * 8) / seconds) * VIDEO_SHARE));
}

/**
 * A variant's video encoder and timing options. Verified on ffmpeg 4.1 and 5.1 (production runs 4.4): PTS kept
 * exactly (-copyts, passthrough, no B-frames; the muxer's side in SEGMENT_MUX_ARGS), so a player
 * switching between A and B segments from one to the next plays on. The benchmark encodes its unmarked comparison with them.
 */
export function variantEncoderArgs(bitrate: number): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-b:v',
    String(bitrate),
    '-maxrate',
    String(bitrate),
    '-bufsize',
    String(2 * bitrate),
    '-bf',
    '0',
    '-enc_time_base',
    '-1',
    '-vsync',
    'passthrough',
    '-copyts',
  ];
}

/**
 * How every segment ffmpeg makes is muxed. Each segment is muxed by its own ffmpeg, so its
 * continuity counters start afresh: the first packet of every stream says so (the discontinuity
 * indicator), so a player does not take the restart for lost packets. Timestamps are the input's
 * exactly (`-mpegts_copyts 1`: the muxer adds no delay of its own), so a player switching variants
 * or rungs from one segment to the next plays on. The muxer may hold audio for up to 0.35 s
 * (half of `-muxdelay`) to put several AAC frames in one PES packet: with no delay allowed, each
 * ~170-byte frame went out alone with its PES header and PCR in two 188-byte packets, which
 * doubled the audio-only rung (167 kbit/s for 64 kbit/s of AAC; measured 82 kbit/s now).
 */
export const SEGMENT_MUX_ARGS = [
  '-muxdelay',
  '0.7',
  '-muxpreload',
  '0',
  '-mpegts_copyts',
  '1',
  '-mpegts_flags',
  '+initial_discontinuity',
  '-f',
  'mpegts',
];

/** ffmpeg's arguments: stdin → [va] to pipe:3, [vb] to pipe:4, [ref] to pipe:5. */
export function variantArgs(bitrate: number): string[] {
  const variant = (label: string, fd: number) => [
    '-map',
    `[${label}]`,
    '-map',
    '0:a?',
    ...variantEncoderArgs(bitrate),
    '-c:a',
    'copy',
    ...SEGMENT_MUX_ARGS,
    `pipe:${fd}`,
  ];
  return [
    '-f',
    'mpegts',
    '-i',
    'pipe:0',
    '-filter_complex',
    variantFilterGraph(),
    ...variant('va', 3),
    ...variant('vb', 4),
    '-map',
    '[ref]',
    '-f',
    'rawvideo',
    'pipe:5',
  ];
}

export interface VariantOutputs {
  a: Readable;
  b: Readable;
  /** Raw gray frames, REFERENCE_WIDTH × REFERENCE_HEIGHT at REFERENCE_FPS, of the original. */
  ref: Readable;
  /** Resolves when ffmpeg exits 0; rejects with FfmpegFailed (its stderr's tail) otherwise. */
  done: Promise<void>;
  /** ffmpeg's process id (the benchmark samples its memory). */
  pid: number | undefined;
  /** Stops ffmpeg (the caller's storage side failed: nobody reads its outputs any more). */
  abort: () => void;
}

/**
 * Starts ffmpeg on `raw` (the segment's bytes). Errors of `raw` itself are the caller's (it reads
 * them from its own pipeline); a write to ffmpeg's stdin that fails because ffmpeg gave up shows as
 * `done` rejecting, with ffmpeg's reason.
 */
export function forensicVariants(raw: Readable, rawBytes: number, durationSeconds: number): VariantOutputs {
  const run = runFfmpeg(variantArgs(variantBitrate(rawBytes, durationSeconds)), 3);
  // ffmpeg stopping early (bad input) closes stdin under the writer: EPIPE, which `done` explains.
  run.stdin.on('error', () => undefined);
  raw.pipe(run.stdin);
  raw.on('error', () => run.child.kill('SIGKILL'));
  const [a, b, ref] = run.outputs as [Readable, Readable, Readable];
  // The variants lose ffmpeg's SDT, so each starts with its PAT and PMT (ts-packets.ts).
  return {
    a: a.pipe(withoutSdt()),
    b: b.pipe(withoutSdt()),
    ref,
    done: run.done,
    pid: run.child.pid,
    abort: () => run.child.kill('SIGKILL'),
  };
}
