// The Speech-to-Text v2 REST shapes this stand-in speaks (pure): the BatchRecognize request it
// accepts, the google.longrunning.Operation it answers and the BatchRecognizeResults JSON it
// writes, as documented at
// https://cloud.google.com/speech-to-text/v2/docs/reference/rest/v2/projects.locations.recognizers/batchRecognize
// Only the fields LectureVault sends are understood; anything else it needs is refused with the
// API's own error shape, so a change on our side that real Speech-to-Text would refuse fails here too.

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ApiError(400, 'INVALID_ARGUMENT', message);

/** google.rpc.Status as the REST API wraps it. */
export const errorBody = (e: ApiError) => ({ error: { code: e.code, message: e.message, status: e.status } });

export interface GsUri {
  bucket: string;
  object: string;
}

export function parseGsUri(uri: unknown, what: string): GsUri {
  const match = typeof uri === 'string' ? /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220})\/(.*)$/.exec(uri) : null;
  if (!match) throw invalid(`${what} must be a gs://bucket/object URI, got ${JSON.stringify(uri)}`);
  return { bucket: match[1]!, object: match[2]! };
}

export interface BatchJob {
  project: string;
  location: string;
  model: string;
  languageCode: string;
  phrases: string[];
  files: string[];
  outputPrefix: string;
  dynamicBatching: boolean;
}

const MODELS = ['chirp_2', 'chirp_3', 'long', 'short'];
const object = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** `projects/{p}/locations/{l}/recognizers/{r}:batchRecognize` (the path after /v2/), or null. */
export function matchBatchRecognize(path: string): { project: string; location: string } | null {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/recognizers\/([^/:]+):batchRecognize$/.exec(path);
  return m ? { project: decodeURIComponent(m[1]!), location: decodeURIComponent(m[2]!) } : null;
}

/** `projects/{p}/locations/{l}/operations/{id}`, or null. */
export const matchOperation = (path: string): boolean =>
  /^projects\/[^/]+\/locations\/[^/]+\/operations\/[^/]+$/.test(path);

/** Checks a BatchRecognize body the way the API would for what we send, and reads it. */
export function parseBatchRecognize(project: string, location: string, body: unknown): BatchJob {
  const b = object(body);
  const config = object(b.config);
  if (!b.config) throw invalid('config is required (the request names no recognizer config)');
  const model = config.model;
  if (typeof model !== 'string' || !MODELS.includes(model))
    throw invalid(`config.model must be one of ${MODELS.join(', ')}, got ${JSON.stringify(model)}`);
  const languages = config.languageCodes;
  if (!Array.isArray(languages) || languages.length !== 1 || typeof languages[0] !== 'string')
    throw invalid('config.languageCodes must name one language (e.g. ["en-US"])');
  if (!config.autoDecodingConfig && !config.explicitDecodingConfig)
    throw invalid('config needs autoDecodingConfig or explicitDecodingConfig');
  const phraseSets = object(config.adaptation).phraseSets;
  const phrases: string[] = [];
  for (const set of Array.isArray(phraseSets) ? phraseSets : []) {
    const inline = object(object(set).inlinePhraseSet).phrases;
    for (const p of Array.isArray(inline) ? inline : []) {
      const value = object(p).value;
      if (typeof value !== 'string' || !value) throw invalid('every phrase needs a non-empty value');
      const boost = object(p).boost;
      if (boost !== undefined && (typeof boost !== 'number' || boost < 0 || boost > 20))
        throw invalid('a phrase boost must be a number from 0 to 20');
      phrases.push(value);
    }
  }
  const files = b.files;
  if (!Array.isArray(files) || files.length < 1 || files.length > 15)
    throw invalid('files must list 1 to 15 audio files');
  const uris = files.map((f, i) => {
    const uri = object(f).uri;
    parseGsUri(uri, `files[${i}].uri`);
    return uri as string;
  });
  const output = object(object(b.recognitionOutputConfig).gcsOutputConfig).uri;
  parseGsUri(output, 'recognitionOutputConfig.gcsOutputConfig.uri');
  const strategy = b.processingStrategy;
  if (strategy !== undefined && strategy !== 'DYNAMIC_BATCHING' && strategy !== 'PROCESSING_STRATEGY_UNSPECIFIED')
    throw invalid(`unknown processingStrategy ${JSON.stringify(strategy)}`);
  return {
    project,
    location,
    model,
    languageCode: languages[0] as string,
    phrases,
    files: uris,
    outputPrefix: output as string,
    dynamicBatching: strategy === 'DYNAMIC_BATCHING',
  };
}

/** A protobuf JSON Duration: seconds with up to 9 decimals and an "s". */
export const duration = (ms: number): string => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;

export interface Word {
  word: string;
  startMs: number;
  endMs: number;
}

/** One utterance (pocketsphinx splits at silences; Speech-to-Text's results are such stretches too). */
export interface Utterance {
  words: Word[];
  endMs: number;
}

/** The BatchRecognizeResults JSON written to the output prefix for one audio file. */
export function batchRecognizeResults(utterances: readonly Utterance[], languageCode: string, billedMs: number) {
  return {
    results: utterances
      .filter((u) => u.words.length)
      .map((u) => ({
        alternatives: [
          {
            transcript: u.words.map((w) => w.word).join(' '),
            confidence: 0.5,
            words: u.words.map((w) => ({
              startOffset: duration(w.startMs),
              endOffset: duration(w.endMs),
              word: w.word,
            })),
          },
        ],
        resultEndOffset: duration(u.endMs),
        languageCode: languageCode.toLowerCase(),
      })),
    metadata: { totalBilledDuration: duration(billedMs) },
  };
}

/** The long-running operation, running or done (with per-file results or one error). */
export function operationJson(
  name: string,
  job: BatchJob,
  state:
    | { done: false; progressPercent: number }
    | { done: true; files: Record<string, { resultUri?: string; error?: string }>; billedMs: number }
    | { done: true; error: string },
  createdAtMs: number,
) {
  const metadata = {
    '@type': 'type.googleapis.com/google.cloud.speech.v2.OperationMetadata',
    createTime: new Date(createdAtMs).toISOString(),
    resource: `projects/${job.project}/locations/${job.location}/recognizers/_`,
    method: 'google.cloud.speech.v2.Speech.BatchRecognize',
    progressPercent: state.done ? 100 : state.progressPercent,
  };
  if (!state.done) return { name, metadata, done: false };
  if ('error' in state) return { name, metadata, done: true, error: { code: 13, message: state.error } };
  return {
    name,
    metadata,
    done: true,
    response: {
      '@type': 'type.googleapis.com/google.cloud.speech.v2.BatchRecognizeResponse',
      results: Object.fromEntries(
        Object.entries(state.files).map(([uri, f]) => [
          uri,
          f.error
            ? { error: { code: 3, message: f.error } }
            : { cloudStorageResult: { uri: f.resultUri }, uri: f.resultUri },
        ]),
      ),
      totalBilledDuration: duration(state.billedMs),
    },
  };
}

/** The results object's name: the audio file's base name under the output prefix, as the API names it. */
export function resultObjectName(outputObjectPrefix: string, audioObject: string, id: string): string {
  const base = audioObject
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  return `${outputObjectPrefix}${base}_transcript_${id}.json`;
}
