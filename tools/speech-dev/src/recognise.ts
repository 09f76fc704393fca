// Real speech recognition for the stand-in: Debian's pocketsphinx (CMU Sphinx, offline, en-US model
// from pocketsphinx-en-us) with a JSGF grammar of the request's phrase set: any sequence of its
// words. The phrase set is the only vocabulary the stand-in knows, the extreme of what adaptation
// does to the real model (it favours those phrases). A grammar of tens of words recognises
// synthesised speech in a fraction of real time; the full English language model, or a grammar
// padded with common short words, takes ten times longer and recognises it far worse
// (docs/captions.md).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Utterance, Word } from './wire.js';

const run = promisify(execFile);

export const MODEL_DIR = process.env.POCKETSPHINX_MODEL_DIR || '/usr/share/pocketsphinx/model/en-us';
const DICTIONARY = path.join(MODEL_DIR, 'cmudict-en-us.dict');
const ACOUSTIC_MODEL = path.join(MODEL_DIR, 'en-us');

let dictionaryWords: Promise<Set<string>> | undefined;

/** The head words of the pronunciation dictionary (alternates like "the(2)" folded in). */
function dictionary(): Promise<Set<string>> {
  dictionaryWords ??= readFile(DICTIONARY, 'utf8').then(
    (text) => new Set(text.split('\n').map((line) => line.slice(0, line.indexOf(' ')).replace(/\(\d+\)$/, ''))),
  );
  return dictionaryWords;
}

/** The grammar's words: the phrases' words that the dictionary can pronounce. */
export async function vocabulary(phrases: readonly string[]): Promise<{ words: string[]; unknown: string[] }> {
  const known = await dictionary();
  // Letters only ("Addison’s" gives "addison" and "s"): single letters other than "a" and "i" are such
  // leftovers, and a grammar with them fills pauses with them.
  const wanted = new Set(
    phrases.flatMap((p) => p.toLowerCase().split(/[^a-z]+/)).filter((w) => /^([a-z]{2,}|a|i)$/.test(w)),
  );
  const words = [...wanted].filter((w) => known.has(w)).sort();
  const unknown = [...wanted].filter((w) => !known.has(w)).sort();
  return { words, unknown };
}

/** A JSGF grammar: any sequence of the words. */
export const jsgf = (words: readonly string[]): string =>
  `#JSGF V1.0;\ngrammar lecture;\npublic <utterance> = ( ${words.join(' | ')} )* ;\n`;

const TIMED = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?[\d.e-]+)$/;
const FILLERS = /^(<s>|<\/s>|<sil>|\(NULL\)|\[\w+\]|\+\+\w+\+\+)$/;

/**
 * pocketsphinx_continuous's `-time yes` output: each utterance's hypothesis line, then one
 * "word start end probability" line per word (seconds from the file's start; "(2)" marks an
 * alternate pronunciation; <s>, </s>, <sil> and (NULL) are not words).
 */
export function parsePocketsphinx(stdout: string): Utterance[] {
  const utterances: Utterance[] = [];
  let current: Utterance | undefined;
  for (const line of stdout.split('\n')) {
    const m = TIMED.exec(line.trim());
    if (!m) {
      if (line.trim()) utterances.push((current = { words: [], endMs: 0 }));
      continue;
    }
    current ??= utterances[utterances.push({ words: [], endMs: 0 }) - 1];
    const endMs = Math.round(Number(m[3]) * 1000);
    current!.endMs = Math.max(current!.endMs, endMs);
    if (FILLERS.test(m[1]!)) continue;
    const word: Word = { word: m[1]!.replace(/\(\d+\)$/, ''), startMs: Math.round(Number(m[2]) * 1000), endMs };
    current!.words.push(word);
  }
  return utterances.filter((u) => u.words.length);
}

export interface Recognition {
  utterances: Utterance[];
  durationMs: number;
  unknownWords: string[];
}

/** Recognises any audio ffmpeg can read (FLAC, WAV, …): converted to 16 kHz mono PCM first. */
export async function recognise(
  audio: Buffer,
  phrases: readonly string[],
  ffmpegPath = 'ffmpeg',
): Promise<Recognition> {
  const dir = await mkdtemp(path.join(tmpdir(), 'speech-dev-'));
  try {
    const input = path.join(dir, 'input');
    const wav = path.join(dir, 'audio.wav');
    const grammar = path.join(dir, 'lecture.jsgf');
    await writeFile(input, audio);
    await run(ffmpegPath, [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      input,
      '-ac',
      '1',
      '-ar',
      '16000',
      '-c:a',
      'pcm_s16le',
      wav,
    ]);
    const pcmBytes = (await readFile(wav)).length - 44;
    const { words, unknown } = await vocabulary(phrases);
    await writeFile(grammar, jsgf(words));
    const { stdout } = await run(
      'pocketsphinx_continuous',
      [
        ...['-infile', wav, '-hmm', ACOUSTIC_MODEL, '-dict', DICTIONARY, '-jsgf', grammar, '-time', 'yes'],
        // A low word insertion penalty: with the default (0.65) a grammar this loose fills every
        // pause with short words (measured in docs/captions.md).
        ...['-wip', '0.005', '-logfn', '/dev/null'],
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return {
      utterances: parsePocketsphinx(stdout),
      durationMs: Math.round((pcmBytes / 32000) * 1000),
      unknownWords: unknown,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
