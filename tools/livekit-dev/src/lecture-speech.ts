// A short spoken lecture for test recordings: espeak-ng (Debian) reads a fixed script, sentence by
// sentence, into one WAV with known silences between them, and the moment each sentence's speech
// starts and ends is measured from the samples. A test then compares machine captions with the
// script (word error rate) and with these times (caption offset). Dev/test only.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The lecture: ordinary classroom English with the medical terms a general model mishears. */
export const LECTURE_SCRIPT: readonly string[] = [
  'Good morning everyone, today we talk about acute myocardial infarction.',
  'The patient presents with chest pain and shortness of breath.',
  'We give aspirin and heparin as soon as possible.',
  'Percutaneous coronary intervention restores blood flow to the heart.',
  'Check the troponin level again after six hours.',
  'Beta blockers lower the heart rate and the blood pressure.',
  'Next week we study heart failure.',
];

export const LECTURE_SAMPLE_RATE = 22_050; // espeak-ng's own rate: no resampling here
const LEAD_IN_MS = 1_000;
const GAP_MS = 900;
/** A sample louder than this (of 32767) is speech; espeak-ng's silences are exact zeros. */
const SPEECH_LEVEL = 300;
const WORDS_PER_MINUTE = 150;

export interface SpokenSentence {
  text: string;
  /** Where its speech starts and ends in the lecture, ms from the start of the WAV. */
  startMs: number;
  endMs: number;
}

export interface SpokenLecture {
  file: string;
  durationMs: number;
  sentences: SpokenSentence[];
}

/** The 16-bit mono samples of a WAV as espeak-ng writes it (its "data" chunk). */
function pcmOf(wav: Buffer): Int16Array {
  let at = 12;
  while (at + 8 <= wav.length) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'data') {
      const data = wav.subarray(at + 8, at + 8 + Math.min(size, wav.length - at - 8));
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('espeak-ng wrote no WAV data chunk');
}

function wavFile(samples: Int16Array, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

const loud = (s: number) => Math.abs(s) > SPEECH_LEVEL;
const toMs = (samples: number) => Math.round((samples / LECTURE_SAMPLE_RATE) * 1000);

/** Synthesises the lecture into `dir`/lecture.wav (espeak-ng, en-US voice, 150 words a minute). */
export async function synthesiseLecture(dir: string, espeak = 'espeak-ng'): Promise<SpokenLecture> {
  mkdirSync(dir, { recursive: true });
  const silence = (ms: number) => new Int16Array(Math.round((ms / 1000) * LECTURE_SAMPLE_RATE));
  const parts: Int16Array[] = [silence(LEAD_IN_MS)];
  let at = parts[0]!.length;
  const sentences: SpokenSentence[] = [];
  for (const text of LECTURE_SCRIPT) {
    const { stdout } = await run(espeak, ['-v', 'en-us', '-s', String(WORDS_PER_MINUTE), '--stdout', text], {
      encoding: 'buffer',
      maxBuffer: 32 * 1024 * 1024,
    });
    const pcm = pcmOf(stdout);
    const first = pcm.findIndex(loud);
    const last = pcm.length - 1 - [...pcm].reverse().findIndex(loud);
    sentences.push({ text, startMs: toMs(at + Math.max(0, first)), endMs: toMs(at + last + 1) });
    parts.push(pcm, silence(GAP_MS));
    at += pcm.length + parts.at(-1)!.length;
  }
  const all = new Int16Array(at);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  const file = path.join(dir, 'lecture.wav');
  writeFileSync(file, wavFile(all, LECTURE_SAMPLE_RATE));
  return { file, durationMs: toMs(all.length), sentences };
}
