// Speech-to-Text v2 batch recognition as LectureVault uses it: how a recording's audio is cut into
// chunks the model accepts, the BatchRecognize request, what a long-running operation and a
// results file say, and how long to wait before polling or retrying. Pure: the HTTP call is
// functions/src/speech/, the objects are store/speech-objects.ts. Wire shapes:
// https://cloud.google.com/speech-to-text/v2/docs/reference/rest/v2/projects.locations.recognizers/batchRecognize
import {
  MAX_SPEECH_PHRASE_CHARS,
  MAX_SPEECH_PHRASES,
  SPEECH_BATCH_MODES,
  type SpeechBatchMode,
} from '@lecturevault/contract';
import type { TimedWord } from './caption-cues';

export type { SpeechBatchMode };

/**
 * The models we may ask for and the longest audio each takes with word time offsets
 * (docs/captions.md cites the model pages): Chirp 2 up to 8 h, with word timestamps and model
 * adaptation; Chirp 3 up to 1 h, and 20 min when word timestamps are asked for.
 */
export const SPEECH_MODELS = {
  chirp_2: { maxChunkSeconds: 8 * 3600 },
  chirp_3: { maxChunkSeconds: 20 * 60 },
} as const;
export type SpeechModel = keyof typeof SPEECH_MODELS;
export const isSpeechModel = (value: string): value is SpeechModel => Object.hasOwn(SPEECH_MODELS, value);

/**
 * A chunk never exceeds an hour whatever the model allows: a failed chunk is retried alone, and
 * results of one hour stay a few megabytes.
 */
export const MAX_CHUNK_SECONDS = 3600;

/** standard: processed at once; dynamic: Dynamic Batch, cheaper, fulfilled within 24 h. */
export const isSpeechBatchMode = (value: unknown): value is SpeechBatchMode =>
  (SPEECH_BATCH_MODES as readonly unknown[]).includes(value);

export interface TimedSegment {
  seq: number;
  durationSeconds: number;
}

/** One audio file sent for recognition: consecutive stored segments and where they start. */
export interface AudioChunk {
  index: number;
  seqs: number[];
  offsetMs: number;
  durationMs: number;
}

/**
 * The stored segments (confirmed ones, in order: the timeline the player shows) cut into chunks of
 * at most `maxChunkSeconds`, at segment boundaries.
 */
export function planAudioChunks(segments: readonly TimedSegment[], maxChunkSeconds: number): AudioChunk[] {
  const chunks: AudioChunk[] = [];
  let offsetMs = 0;
  for (const segment of segments) {
    const ms = Math.round(segment.durationSeconds * 1000);
    const last = chunks.at(-1);
    if (last && last.durationMs + ms <= maxChunkSeconds * 1000) {
      last.seqs.push(segment.seq);
      last.durationMs += ms;
    } else {
      chunks.push({ index: chunks.length, seqs: [segment.seq], offsetMs, durationMs: ms });
    }
    offsetMs += ms;
  }
  return chunks;
}

/** Inline phrase-set limits we keep under (the API refuses longer phrases and huge sets). */
export const MAX_PHRASES = MAX_SPEECH_PHRASES;
export const MAX_PHRASE_CHARS = MAX_SPEECH_PHRASE_CHARS;
/** How strongly the phrases are favoured (the API takes 0–20; higher risks false hits). */
export const PHRASE_BOOST = 10;

/** The course's own phrases first, then the defaults; trimmed, de-duplicated (case-blind), capped. */
export function adaptationPhrases(courseList: readonly string[], defaults: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [...courseList, ...defaults]) {
    const phrase = raw.replace(/\s+/g, ' ').trim();
    const key = phrase.toLowerCase();
    if (!phrase || phrase.length > MAX_PHRASE_CHARS || seen.has(key)) continue;
    seen.add(key);
    out.push(phrase);
    if (out.length === MAX_PHRASES) break;
  }
  return out;
}

export interface BatchRecognizeInput {
  model: SpeechModel;
  languageCode: string;
  phrases: readonly string[];
  /** gs:// URIs of the audio files. */
  audioUris: readonly string[];
  /** gs:// prefix the results files are written under (ends with "/"). */
  outputUri: string;
  mode: SpeechBatchMode;
}

/**
 * The BatchRecognize body (REST JSON). No recognizer resource ("_" in the path): the config is
 * inline. Audio is decoded from its FLAC header. Nothing asks for data logging: v2 has no such
 * request option, and the project must not be enrolled in it (docs/production.md).
 */
export function batchRecognizeBody(input: BatchRecognizeInput): Record<string, unknown> {
  return {
    config: {
      autoDecodingConfig: {},
      model: input.model,
      languageCodes: [input.languageCode],
      features: { enableWordTimeOffsets: true, enableAutomaticPunctuation: true },
      ...(input.phrases.length
        ? {
            adaptation: {
              phraseSets: [
                { inlinePhraseSet: { phrases: input.phrases.map((value) => ({ value, boost: PHRASE_BOOST })) } },
              ],
            },
          }
        : {}),
    },
    files: input.audioUris.map((uri) => ({ uri })),
    recognitionOutputConfig: { gcsOutputConfig: { uri: input.outputUri } },
    ...(input.mode === 'dynamic' ? { processingStrategy: 'DYNAMIC_BATCHING' } : {}),
  };
}

/** `projects/{p}/locations/{l}/recognizers/_:batchRecognize`, the path after /v2/. */
export const batchRecognizePath = (project: string, location: string): string =>
  `projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/recognizers/_:batchRecognize`;

/** A protobuf JSON Duration ("12.340s", "3s"; absent = 0) in milliseconds. */
export function durationMs(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const match = typeof value === 'string' ? /^(-?\d+(?:\.\d+)?)s$/.exec(value) : null;
  if (!match) throw new Error(`not a protobuf duration: ${JSON.stringify(value).slice(0, 40)}`);
  return Math.round(Number(match[1]) * 1000);
}

export type OperationOutcome =
  | { state: 'running' }
  | { state: 'failed'; message: string }
  /** Per audio URI: the results file, or why that file failed. */
  | { state: 'done'; files: Record<string, { resultUri?: string; error?: string }>; billedMs: number };

const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What a google.longrunning.Operation (GET /v2/{name}) says about a BatchRecognize. */
export function operationOutcome(operation: unknown): OperationOutcome {
  const op = object(operation);
  if (op.done !== true) return { state: 'running' };
  if (op.error) {
    const error = object(op.error);
    return { state: 'failed', message: `${String(error.code ?? '?')}: ${String(error.message ?? 'no message')}` };
  }
  const response = object(op.response);
  const files: Record<string, { resultUri?: string; error?: string }> = {};
  for (const [uri, raw] of Object.entries(object(response.results))) {
    const result = object(raw);
    const error = result.error ? object(result.error) : undefined;
    const resultUri = object(result.cloudStorageResult).uri ?? result.uri;
    files[uri] = error
      ? { error: `${String(error.code ?? '?')}: ${String(error.message ?? 'no message')}` }
      : typeof resultUri === 'string'
        ? { resultUri }
        : { error: 'no results file named' };
  }
  return { state: 'done', files, billedMs: durationMs(response.totalBilledDuration) };
}

/**
 * The words of a results file (BatchRecognizeResults JSON), moved onto the recording's timeline by
 * the chunk's offset. The first alternative of each result is the best one.
 */
export function wordsFromResults(results: unknown, offsetMs: number): TimedWord[] {
  const words: TimedWord[] = [];
  const list = object(results).results;
  for (const result of Array.isArray(list) ? list : []) {
    const alternatives = object(result).alternatives;
    const best = object(Array.isArray(alternatives) ? alternatives[0] : undefined);
    for (const raw of Array.isArray(best.words) ? best.words : []) {
      const word = object(raw);
      if (typeof word.word !== 'string') continue;
      words.push({
        text: word.word,
        startMs: offsetMs + durationMs(word.startOffset),
        endMs: offsetMs + durationMs(word.endOffset),
      });
    }
  }
  return words.sort((a, b) => a.startMs - b.startMs);
}

/**
 * Seconds until the next look at a running operation. Standard batch returns in minutes for an hour
 * of audio, so it is polled soon and then less often; Dynamic Batch may take up to 24 h, so it is
 * looked at every half hour after the first ten minutes.
 */
export function pollDelaySeconds(polls: number, mode: SpeechBatchMode): number {
  if (mode === 'dynamic') return polls === 0 ? 600 : 1800;
  return Math.min(5 * 2 ** polls, 300);
}

/** A failed step is retried after these delays; after the last, an admin is alerted. */
export const CAPTION_RETRY_DELAYS_S = [30, 120, 600, 1800] as const;

export const captionRetryDelaySeconds = (failures: number): number | undefined => CAPTION_RETRY_DELAYS_S[failures - 1];

/** Polls before a standard job is given up on (about 6 h); Dynamic Batch gets its 24 h and a margin. */
export const maxPolls = (mode: SpeechBatchMode): number => (mode === 'dynamic' ? 52 : 80);
