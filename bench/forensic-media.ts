// Shared by the forensic watermark's benchmarks (forensic-trace.ts; forensic-ingest.ts can take its
// quality figures from here too): lecture-like test content cut into 7 s segments, the marked
// variants of each segment made by the ingest's own code, and ffmpeg's luma PSNR / SSIM. The
// content and the leaker's tools run on the system ffmpeg; the ingest's and the tracer's steps on
// the packaged binary, as in production.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ffmpegPath } from '../functions/src/media/ffmpeg';
import { hlsSegments, type Segments } from '../functions/test/kit/media';

export {
  markLadderSegment,
  markSegment,
  referenceOf,
  type MarkedSegment,
  type RungChoice,
} from '../functions/test/kit/marked-media';

/** The leaker's (and the content maker's) ffmpeg: any ffmpeg will do, the system's is at hand. */
export const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';
export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
export const SEGMENT_SECONDS = 7;

/** Runs the system ffmpeg (errors only on stderr); throws with its message if it fails. */
export function systemFfmpeg(args: readonly string[]): void {
  execFileSync(SYSTEM_FFMPEG, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Runs the packaged ffmpeg (the one ingest and the tracer run), errors only on stderr. */
export function packagedFfmpeg(args: readonly string[]): void {
  execFileSync(ffmpegPath(), ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export type { Segments };

/**
 * A lavfi video (plus a tone) encoded as egress writes a recording: 640×360 H.264 at the stand-in's
 * 600 kbit/s, a keyframe every 7 s, cut by the HLS muxer into `seg_00000.ts`, … .
 */
export const lavfiSegments = (video: string, totalSeconds: number, dir: string): Segments =>
  hlsSegments({
    video,
    seconds: totalSeconds,
    videoArgs: ['-b:v', '600k', '-pix_fmt', 'yuv420p'],
    dir,
    ffmpeg: SYSTEM_FFMPEG,
  });

/** LiveKit Egress's default preset (H264_720P_30): what production records, and ladders. */
export const PRESET_720P = { width: 1280, height: 720, fps: 30 };

/**
 * `video` (any lavfi graph) scaled to LiveKit's default preset and encoded as egress writes it:
 * 1280×720 30 fps H.264 Main at 3,000 kbit/s, a keyframe every 7 s, cut into 7 s segments.
 */
export const presetSegments = (video: string, totalSeconds: number, dir: string): Segments =>
  hlsSegments({
    video: `${video},scale=${PRESET_720P.width}:${PRESET_720P.height}:flags=bicubic,fps=${PRESET_720P.fps}`,
    seconds: totalSeconds,
    videoArgs: ['-profile:v', 'main', '-b:v', '3000k', '-maxrate', '3000k', '-bufsize', '6000k', '-pix_fmt', 'yuv420p'],
    audioArgs: ['-b:a', '128k'],
    dir,
    ffmpeg: SYSTEM_FFMPEG,
  });

/** Each segment's duration, from the playlist's EXTINF lines. */
export const durationsOf = (playlist: string): number[] =>
  [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));

/** A deterministic pseudo-random generator (the same content and draws every run). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A lecture as most are: a slide (title, lines of text, a figure) that changes every 30 s, a
 * pointer wandering over it and a small speaker picture in the corner, 640×360 at 25 fps.
 */
export function slidesVideo(totalSeconds: number, random = rng(2024)): string {
  const slides = Math.ceil(totalSeconds / 30);
  const filters: string[] = [];
  for (let s = 0; s < slides; s++) {
    const on = `enable='between(t,${s * 30},${s * 30 + 30})'`;
    // A dark title bar, so the white title reads.
    const hue = (Math.floor(random() * 0xffffff) & 0x7f7f7f).toString(16).padStart(6, '0');
    filters.push(`drawbox=x=0:y=0:w=640:h=56:color=0x${hue}:t=fill:${on}`);
    filters.push(
      `drawtext=fontfile=${FONT}:fontsize=28:fontcolor=white:x=24:y=14:text='Lecture 7 - part ${s + 1}':${on}`,
    );
    const lines = 3 + Math.floor(random() * 5);
    for (let l = 0; l < lines; l++) {
      const w = 120 + Math.floor(random() * 260);
      filters.push(`drawbox=x=40:y=${84 + l * 30}:w=${w}:h=12:color=0x383838:t=fill:${on}`);
    }
    const fx = 420 + Math.floor(random() * 60);
    const fy = 90 + Math.floor(random() * 60);
    const fig = Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, '0');
    filters.push(`drawbox=x=${fx}:y=${fy}:w=150:h=110:color=0x${fig}:t=fill:${on}`);
  }
  return [
    `color=c=0xf4f1e8:s=640x360:r=25,${filters.join(',')}[slide]`,
    'testsrc2=s=112x84:r=25[speaker]',
    'color=c=red:s=10x10:r=25[pointer]',
    '[slide][speaker]overlay=x=516:y=264[withspeaker]',
    "[withspeaker][pointer]overlay=x='300+200*sin(t/5)':y='190+90*sin(t/3.7)'",
  ].join(';');
}

export interface LumaQuality {
  psnr: number;
  ssim: number;
}

/**
 * ffmpeg's luma PSNR (dB) and SSIM of `distorted` against `original`. Both start at time zero
 * first (a variant keeps the source's timestamps, a lossless copy may not), so frame pairs match.
 */
export function lumaQuality(distorted: string, original: string): LumaQuality {
  const stderr = spawnSync(
    ffmpegPath(),
    [
      '-hide_banner',
      '-nostdin',
      '-i',
      distorted,
      '-i',
      original,
      '-lavfi',
      '[0:v]setpts=PTS-STARTPTS,split[d0][d1];[1:v]setpts=PTS-STARTPTS,split[r0][r1];[d0][r0]psnr;[d1][r1]ssim',
      '-f',
      'null',
      '-',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  ).stderr;
  // Luma: the mark is in luma only, and luma is what a viewer sees most.
  return {
    psnr: Number(/PSNR y:([\d.]+|inf)/.exec(stderr)?.[1]),
    ssim: Number(/SSIM Y:([\d.]+)/.exec(stderr)?.[1]),
  };
}

/** A scratch directory for one benchmark run. */
export const scratch = (name: string): string => mkdtempSync(path.join(tmpdir(), `${name}-`));
