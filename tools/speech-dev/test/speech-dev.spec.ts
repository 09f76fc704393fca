// The stand-in's REST surface as Speech-to-Text v2 answers it: BatchRecognize starts an operation,
// GET on its name reports it done with a results URI, the results are BatchRecognizeResults JSON
// with word offsets, and bad requests get the API's error shape. Recognition is real (pocketsphinx
// on an espeak-ng sentence); storage is an in-memory store standing in for the Storage emulator.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startSpeechDev, type SpeechDev } from '../src/server.js';
import type { ObjectStore } from '../src/storage.js';
import { parsePocketsphinx } from '../src/recognise.js';
import type { GsUri } from '../src/wire.js';

const SENTENCE = 'We give aspirin and heparin as soon as possible.';

class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, Buffer>();
  async read({ bucket, object }: GsUri): Promise<Buffer> {
    const body = this.objects.get(`${bucket}/${object}`);
    if (!body) throw new Error(`gs://${bucket}/${object}: HTTP 404`);
    return body;
  }
  async write({ bucket, object }: GsUri, body: Buffer): Promise<void> {
    this.objects.set(`${bucket}/${object}`, body);
  }
}

/** A google.longrunning.Operation as the assertions read it. */
interface Operation {
  name: string;
  done?: boolean;
  response: {
    '@type': string;
    results: Record<string, { cloudStorageResult: { uri: string }; error: { message: string } }>;
    totalBilledDuration: string;
  };
}
interface ResultsFile {
  results: { alternatives: { words: { word: string; startOffset: string; endOffset: string }[] }[] }[];
}

const request = (files: string[]) => ({
  config: {
    autoDecodingConfig: {},
    model: 'chirp_2',
    languageCodes: ['en-US'],
    features: { enableWordTimeOffsets: true, enableAutomaticPunctuation: true },
    adaptation: { phraseSets: [{ inlinePhraseSet: { phrases: [{ value: SENTENCE, boost: 10 }] } }] },
  },
  files: files.map((uri) => ({ uri })),
  recognitionOutputConfig: { gcsOutputConfig: { uri: 'gs://ingest/speech/r1/results/' } },
});

describe('speech-dev: the Speech-to-Text v2 stand-in', function () {
  this.timeout(30_000);
  let dev: SpeechDev;
  const store = new MemoryStore();
  const post = (path: string, body: unknown) =>
    fetch(`${dev.url}/v2/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const batch = 'projects/demo/locations/us-central1/recognizers/_:batchRecognize';
  /** Polls the operation as our functions do (here every 100 ms) until it is done. */
  async function finished(name: string): Promise<Operation> {
    for (;;) {
      const op = (await (await fetch(`${dev.url}/v2/${name}`)).json()) as Operation;
      if (op.done) return op;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  before(async () => {
    store.objects.set('ingest/speech/r1/audio-0.wav', execFileSync('espeak-ng', ['-v', 'en-us', '--stdout', SENTENCE]));
    dev = await startSpeechDev({ port: 0, storageHost: 'unused', store, quiet: true });
  });
  after(() => dev?.close());

  it('recognises a file from Storage and writes BatchRecognizeResults with word offsets', async () => {
    const started = await post(batch, request(['gs://ingest/speech/r1/audio-0.wav']));
    assert.equal(started.status, 200);
    const operation = (await started.json()) as { name: string; done: boolean };
    assert.match(operation.name, /^projects\/demo\/locations\/us-central1\/operations\/\w+$/);
    assert.equal(operation.done, false);
    const done = await finished(operation.name);
    assert.equal(done.response['@type'], 'type.googleapis.com/google.cloud.speech.v2.BatchRecognizeResponse');
    const file = done.response.results['gs://ingest/speech/r1/audio-0.wav'];
    assert.match(file!.cloudStorageResult.uri, /^gs:\/\/ingest\/speech\/r1\/results\/audio-0_transcript_\w+\.json$/);
    const results = JSON.parse(store.objects.get(file!.cloudStorageResult.uri.slice(5))!.toString()) as ResultsFile;
    const words = results.results.flatMap((r) => r.alternatives[0]!.words);
    assert.ok(words.length >= 5);
    for (const w of words) assert.match(`${w.startOffset} ${w.endOffset}`, /^\d+(\.\d+)?s \d+(\.\d+)?s$/);
    const text = words.map((w) => w.word).join(' ');
    for (const term of ['aspirin', 'heparin']) assert.ok(text.includes(term), text);
    assert.match(done.response.totalBilledDuration, /^\d+(\.\d+)?s$/);
  });

  it('reports a file it cannot read in that file’s result, not as a failed operation', async () => {
    const started = await post(batch, request(['gs://ingest/speech/r1/missing.flac']));
    const { name } = (await started.json()) as { name: string };
    const done = await finished(name);
    assert.match(done.response.results['gs://ingest/speech/r1/missing.flac']!.error.message, /404/);
  });

  it('refuses what the API would, with its error shape', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /config is required/],
      [{ ...request(['https://x/a.flac']) }, /files\[0\]\.uri must be a gs:/],
      [{ ...request(['gs://bkt/a.flac']), processingStrategy: 'CHEAP' }, /unknown processingStrategy/],
      [{ ...request([]) }, /1 to 15 audio files/],
    ];
    for (const [body, message] of cases) {
      const res = await post(batch, body);
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { code: number; status: string; message: string } };
      assert.equal(error.status, 'INVALID_ARGUMENT');
      assert.match(error.message, message);
    }
    const unknown = await fetch(`${dev.url}/v2/projects/demo/locations/us-central1/operations/nope`);
    assert.equal(unknown.status, 404);
  });

  it('reads pocketsphinx’s timed output: utterances, alternates folded, fillers dropped', () => {
    const out =
      'we give\n<s> 0.000 0.100 1.0\nwe 0.110 0.300 1.0\n(NULL) 0.300 0.300 1.0\ngive(2) 0.310 0.600 1.0\n<sil> 0.610 0.900 1.0\n';
    assert.deepEqual(parsePocketsphinx(out), [
      {
        words: [
          { word: 'we', startMs: 110, endMs: 300 },
          { word: 'give', startMs: 310, endMs: 600 },
        ],
        endMs: 900,
      },
    ]);
  });
});
