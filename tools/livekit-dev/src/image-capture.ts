// Egress's ImageOutput, as the stand-in fakes it: a still every captureInterval seconds of the
// recording, taken with ffmpeg from the segment that holds that moment, scaled to width×height,
// named like LiveKit's INDEX suffix (<filenamePrefix>_00000.jpeg) and uploaded next to the segments.
// Real egress captures from its compositor; the pictures differ, the names, cadence and bucket do not.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { ImageTarget } from './rooms.js';

/** The captures that fall in a segment covering [startS, startS + durationS) of the recording. */
export function capturesIn(
  target: ImageTarget,
  startS: number,
  durationS: number,
): { index: number; offsetS: number }[] {
  const out: { index: number; offsetS: number }[] = [];
  for (
    let index = Math.ceil(startS / target.captureInterval);
    index * target.captureInterval < startS + durationS;
    index++
  )
    out.push({ index, offsetS: index * target.captureInterval - startS });
  return out;
}

export function imageObjectName(target: ImageTarget, index: number, atMs: number): string {
  if (target.suffix === 'TIMESTAMP')
    return `${target.filenamePrefix}_${new Date(atMs).toISOString().replace(/[-:TZ.]/g, '')}.jpeg`;
  return `${target.filenamePrefix}_${String(index).padStart(5, '0')}.jpeg`;
}

/** One JPEG frame of `segmentFile` at `offsetS`, scaled; the bytes. */
export async function captureFrame(
  ffmpegPath: string,
  segmentFile: string,
  offsetS: number,
  target: ImageTarget,
  outFile: string,
): Promise<Buffer> {
  const scale = `scale=${target.width || -2}:${target.height || -2}`;
  await new Promise<void>((resolve, reject) => {
    execFile(
      ffmpegPath,
      [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-i',
        segmentFile,
        // After -i: decode up to the moment (a segment is 7 s), since seeking the input of a
        // short MPEG-TS can land past its only keyframe and write nothing.
        '-ss',
        offsetS.toFixed(3),
        '-frames:v',
        '1',
        '-vf',
        scale,
        '-q:v',
        '5',
        '-update',
        '1',
        '-y',
        outFile,
      ],
      { timeout: 15_000 },
      (error) => (error ? reject(error) : resolve()),
    );
  });
  try {
    return await fs.promises.readFile(outFile);
  } finally {
    await fs.promises.rm(outFile, { force: true });
  }
}
