// A download as MP4: the decrypted MPEG-TS segments in on stdin, the same streams out as MP4 on fd 3,
// copied, never re-encoded (so a marked download keeps its variants' marks bit for bit), the AAC
// moved from ADTS into the MP4 sample entry (aac_adtstoasc). Fragmented MP4 (frag_keyframe +
// empty_moov): the moov comes first and the file streams as it is made, so memory stays flat for
// a lecture of any length; a classic faststart moov needs the whole file first (docs/production.md §8).
import type { Readable, Writable } from 'node:stream';
import { runFfmpeg } from './ffmpeg';

export const MP4_REMUX_ARGS: readonly string[] = [
  '-f',
  'mpegts',
  '-i',
  'pipe:0',
  '-map',
  '0:v?',
  '-map',
  '0:a?',
  '-c',
  'copy',
  '-bsf:a',
  'aac_adtstoasc',
  '-f',
  'mp4',
  '-movflags',
  'frag_keyframe+empty_moov+default_base_moof',
  'pipe:3',
];

export interface Mp4Remux {
  /** Where the MPEG-TS goes (end it after the last segment). */
  input: Writable;
  /** The MP4 as it is made. */
  output: Readable;
  /** Resolves when ffmpeg exits 0; rejects with FfmpegFailed (its stderr's tail) otherwise. */
  done: Promise<void>;
  /** Stops ffmpeg (the client went away). */
  abort(): void;
}

export function startMp4Remux(): Mp4Remux {
  const run = runFfmpeg(MP4_REMUX_ARGS, 1);
  // A client that goes away mid-download closes our side: EPIPE on stdin is the end, not a crash.
  run.stdin.on('error', () => undefined);
  return { input: run.stdin, output: run.outputs[0]!, done: run.done, abort: () => run.child.kill('SIGKILL') };
}
