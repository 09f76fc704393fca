// A leaked clip as the tracer reads it: decoded by ffmpeg to 64×36 luma frames at 25 fps (any
// container or codec ffmpeg reads, audio ignored; decoding stops after MAX_CLIP_SECONDS). The clip
// is written to a private temp file first: an MP4 keeps its index at the end, which ffmpeg can
// only reach in a file it can seek (a Cloud Functions /tmp is memory, freed at once).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE_HEIGHT, REFERENCE_WIDTH } from '../domain/forensic/forensic-mark';
import type { FrameRun } from '../domain/forensic/forensic-align';
import { FfmpegFailed, ffmpegOutput } from './ffmpeg';

export const CLIP_FPS = 25;
/** Ten minutes are far more than a trace needs (about three), and bound the memory: 35 MB of frames. */
export const MAX_CLIP_SECONDS = 600;

export class UnreadableClip extends Error {}

export async function decodeClipFrames(clip: Buffer): Promise<FrameRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lv-clip-'));
  try {
    const file = path.join(dir, 'clip');
    await writeFile(file, clip, { mode: 0o600 });
    return await decodeFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function decodeFile(file: string): Promise<FrameRun> {
  const args = [
    '-i',
    file,
    '-t',
    String(MAX_CLIP_SECONDS),
    '-an',
    '-vf',
    `fps=${CLIP_FPS},scale=${REFERENCE_WIDTH}:${REFERENCE_HEIGHT}:flags=area,format=gray`,
    '-f',
    'rawvideo',
    'pipe:1',
  ];
  const run = await ffmpegOutput(args).then(
    (done) => ({ pixels: done.stdout, stderr: done.stderr }),
    (error: unknown) => {
      if (!(error instanceof FfmpegFailed)) throw error; // ffmpeg did not start at all: not the clip's fault
      return { pixels: Buffer.alloc(0), stderr: error.stderr };
    },
  );
  // What ffmpeg said last names the problem (a missing moov atom, no video stream, …).
  const said = run.stderr.slice(-400).trim().split('\n').pop();
  if (run.pixels.length === 0) throw new UnreadableClip(`not a video ffmpeg can read${said ? `: ${said}` : ''}`);
  return {
    fps: CLIP_FPS,
    startSeconds: 0,
    pixels: new Uint8Array(run.pixels.buffer, run.pixels.byteOffset, run.pixels.length),
  };
}
