// The audio Speech-to-Text gets: a recording's decrypted MPEG-TS segments in, mono 16 kHz FLAC out
// (lossless, about half the size of LINEAR16; the rate the speech models are trained at), streamed
// through ffmpeg so neither the plaintext video nor the audio is ever held whole or written to disk.
import type { Readable, Writable } from 'node:stream';
import { FfmpegFailed, runFfmpeg } from './ffmpeg';

/** The recording has no audio stream at all: nothing to caption (not a failure). */
export class NoAudioStream extends Error {
  override name = 'NoAudioStream';
}

export const SPEECH_AUDIO_ARGS: readonly string[] = [
  ...['-f', 'mpegts', '-i', 'pipe:0'],
  ...['-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'flac'],
  ...['-f', 'flac', 'pipe:3'],
];

export interface SpeechAudioRun {
  /** Feed the MPEG-TS here (end it when every segment is written). */
  input: Writable;
  /** The FLAC. */
  output: Readable;
  /** Resolves when ffmpeg exits 0; rejects with NoAudioStream or FfmpegFailed. */
  done: Promise<void>;
}

export function encodeSpeechAudio(): SpeechAudioRun {
  const run = runFfmpeg(SPEECH_AUDIO_ARGS, 1);
  // ffmpeg may stop reading early (no audio stream): the feeder's EPIPE is that, not an error of its own.
  run.stdin.on('error', () => undefined);
  const done = run.done.catch((error: unknown) => {
    if (error instanceof FfmpegFailed && /matches no streams/.test(error.message + error.stderr))
      throw new NoAudioStream('the recording has no audio stream');
    throw error;
  });
  return { input: run.stdin, output: run.outputs[0]!, done };
}
