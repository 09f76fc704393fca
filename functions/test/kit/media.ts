// Real, decodable test video: MPEG-TS segments (H.264 + AAC) cut by ffmpeg's HLS muxer as egress
// cuts a recording. The one HLS generator of the specs and the benchmarks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

/** Segments as egress leaves them: the files (seg_00000.ts, …) and the playlist ffmpeg wrote for them. */
export interface Segments {
  files: Buffer[];
  playlist: string;
}

export interface HlsOptions {
  /** A lavfi video source (a tone is the audio). */
  video: string;
  seconds: number;
  /** Encoder options after `-c:v libx264 -preset ultrafast` (bitrate, pixel format, …). */
  videoArgs?: readonly string[];
  /** Encoder options after `-c:a aac`. */
  audioArgs?: readonly string[];
  /** Where the segments are written (kept); a new temporary folder unless given. */
  dir?: string;
  /** The ffmpeg binary; the one on the PATH unless given. */
  ffmpeg?: string;
}

/** Encodes `video` and cuts it into 7 s HLS segments, a keyframe at every cut, as LiveKit's egress does. */
export function hlsSegments({
  video,
  seconds,
  videoArgs = [],
  audioArgs = [],
  dir = mkdtempSync(path.join(tmpdir(), 'segments-')),
  ffmpeg = 'ffmpeg',
}: HlsOptions): Segments {
  execFileSync(
    ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      video,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      String(seconds),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      ...videoArgs,
      '-force_key_frames',
      'expr:gte(t,n_forced*7)',
      '-c:a',
      'aac',
      ...audioArgs,
      '-f',
      'hls',
      '-hls_time',
      '7',
      '-hls_list_size',
      '0',
      '-hls_segment_filename',
      path.join(dir, 'seg_%05d.ts'),
      path.join(dir, 'playlist.m3u8'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  return {
    files: names.map((n) => readFileSync(path.join(dir, n))),
    playlist: readFileSync(path.join(dir, 'playlist.m3u8'), 'utf8'),
  };
}

let small: Segments | undefined;

/**
 * Three segments (7 s, 7 s, 3 s) of a small test pattern and their playlist, LiveKit-style. Made
 * once per process (a dozen specs ask for them); each caller gets its own copies of the bytes.
 */
export function realSegments(): Segments {
  small ??= hlsSegments({ video: 'testsrc2=size=320x180:rate=25', seconds: 17 });
  return { files: small.files.map((f) => Buffer.from(f)), playlist: small.playlist };
}

/**
 * A lecture-like recording for the forensic mark: 640×360 like the stand-in's egress by default,
 * with the running time written large (testsrc2 alone repeats every 12 s, as a static slide would).
 * Tests that only need the mark to survive pass a smaller width: the mark is drawn at 64×36 and read
 * there, so it survives any size, and ingest's encodes of a segment take about half as long at 320×180.
 */
export function lectureSegments(seconds: number, width: 640 | 320 = 640): Segments {
  const height = (width * 9) / 16;
  return hlsSegments({
    video: `testsrc2=size=${width}x${height}:rate=25,drawtext=fontfile=${FONT}:fontsize=${width / 10}:fontcolor=white:box=1:boxcolor=black@0.7:x=${width / 16}:y=${width / 16}:text='%{pts\\:hms}'`,
    seconds,
    videoArgs: ['-b:v', width === 640 ? '600k' : '250k'], // the stand-in's lecture-like bitrate, or its quarter-size share
  });
}

/** One JPEG still of the test pattern, as Egress's image output writes it (ingest/{id}/poster_NNNNN.jpeg). */
export function stillJpeg(size = '640x360', ffmpeg = 'ffmpeg'): Buffer {
  return execFileSync(ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}`, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1',
  ]); // prettier-ignore
}

/**
 * A "decode bomb" for the tracer's limits: one black 8192×4320 frame in MP4 (a few KB that would
 * decode to 53 MB a frame). The tracer must refuse it from its probe, before any decoding.
 */
export function decodeBomb(ffmpeg = 'ffmpeg'): Buffer {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bomb-')), 'bomb.mp4');
  execFileSync(ffmpeg, [
    '-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=black:s=8192x4320:r=25',
    '-frames:v', '1', '-c:v', 'libx264', '-preset', 'ultrafast', file,
  ]); // prettier-ignore
  return readFileSync(file);
}
