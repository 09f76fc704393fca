// What we send Speech-to-Text v2 and how we read what it answers (the REST JSON shapes).
import assert from 'node:assert/strict';
import {
  MAX_PHRASES,
  adaptationPhrases,
  batchRecognizeBody,
  batchRecognizePath,
  captionRetryDelaySeconds,
  durationMs,
  operationOutcome,
  planAudioChunks,
  pollDelaySeconds,
  wordsFromResults,
} from '../../../../src/domain/captions/speech-batch';

/** The parts of the request body the assertions read. */
interface SentBody {
  config: {
    features: unknown;
    adaptation?: { phraseSets: { inlinePhraseSet: { phrases: unknown } }[] };
  };
  files: unknown;
  recognitionOutputConfig: unknown;
  processingStrategy?: string;
}
const sent = (input: Parameters<typeof batchRecognizeBody>[0]) => batchRecognizeBody(input) as unknown as SentBody;

describe('Speech-to-Text batch recognition', () => {
  it('cuts a recording into chunks at segment boundaries, each under the limit, with its offset', () => {
    const segments = Array.from({ length: 10 }, (_, seq) => ({ seq, durationSeconds: seq === 9 ? 3 : 7 }));
    const chunks = planAudioChunks(segments, 21);
    assert.deepEqual(
      chunks.map((c) => [c.seqs, c.offsetMs, c.durationMs]),
      [
        [[0, 1, 2], 0, 21_000],
        [[3, 4, 5], 21_000, 21_000],
        [[6, 7, 8], 42_000, 21_000],
        [[9], 63_000, 3_000],
      ],
    );
    assert.deepEqual(planAudioChunks([], 3600), []);
  });

  it('asks for word offsets, punctuation, the phrase set and Dynamic Batch only when chosen', () => {
    const input = {
      model: 'chirp_2' as const,
      languageCode: 'en-US',
      phrases: ['heparin'],
      audioUris: ['gs://b/speech/r/audio-0.flac'],
      outputUri: 'gs://b/speech/r/results/',
      mode: 'standard' as const,
    };
    const body = sent(input);
    assert.deepEqual(body.config.features, { enableWordTimeOffsets: true, enableAutomaticPunctuation: true });
    assert.deepEqual(body.config.adaptation!.phraseSets[0]!.inlinePhraseSet.phrases, [{ value: 'heparin', boost: 10 }]);
    assert.deepEqual(body.files, [{ uri: 'gs://b/speech/r/audio-0.flac' }]);
    assert.deepEqual(body.recognitionOutputConfig, { gcsOutputConfig: { uri: 'gs://b/speech/r/results/' } });
    assert.equal(body.processingStrategy, undefined);
    assert.equal(sent({ ...input, mode: 'dynamic' }).processingStrategy, 'DYNAMIC_BATCHING');
    assert.equal(sent({ ...input, phrases: [] }).config.adaptation, undefined);
    assert.equal(
      batchRecognizePath('p-1', 'us-central1'),
      'projects/p-1/locations/us-central1/recognizers/_:batchRecognize',
    );
  });

  it('puts the course’s phrases first, drops duplicates and over-long ones, and caps the set', () => {
    assert.deepEqual(adaptationPhrases([' Heparin ', 'Wolff–Parkinson–White'], ['heparin', 'aspirin']), [
      'Heparin',
      'Wolff–Parkinson–White',
      'aspirin',
    ]);
    assert.deepEqual(adaptationPhrases(['x'.repeat(101)], []), []);
    assert.equal(
      adaptationPhrases(
        Array.from({ length: 900 }, (_, i) => `p${i}`),
        [],
      ).length,
      MAX_PHRASES,
    );
  });

  it('reads a running, a failed and a finished operation', () => {
    assert.deepEqual(operationOutcome({ name: 'op', done: false }), { state: 'running' });
    assert.deepEqual(operationOutcome({ done: true, error: { code: 7, message: 'denied' } }), {
      state: 'failed',
      message: '7: denied',
    });
    const done = operationOutcome({
      done: true,
      response: {
        results: {
          'gs://b/a.flac': { cloudStorageResult: { uri: 'gs://b/r/a_transcript_1.json' } },
          'gs://b/c.flac': { error: { code: 3, message: 'bad audio' } },
        },
        totalBilledDuration: '61s',
      },
    });
    assert.deepEqual(done, {
      state: 'done',
      files: {
        'gs://b/a.flac': { resultUri: 'gs://b/r/a_transcript_1.json' },
        'gs://b/c.flac': { error: '3: bad audio' },
      },
      billedMs: 61_000,
    });
  });

  it('reads word offsets from results (absent offset = 0) onto the recording’s timeline', () => {
    const words = wordsFromResults(
      {
        results: [
          {
            alternatives: [
              {
                words: [
                  { word: 'Good', endOffset: '0.400s' },
                  { word: 'morning,', startOffset: '0.4s', endOffset: '0.9s' },
                ],
              },
            ],
          },
          { alternatives: [] },
          { alternatives: [{ words: [{ word: 'aspirin.', startOffset: '2.250s', endOffset: '3s' }] }] },
        ],
      },
      60_000,
    );
    assert.deepEqual(words, [
      { text: 'Good', startMs: 60_000, endMs: 60_400 },
      { text: 'morning,', startMs: 60_400, endMs: 60_900 },
      { text: 'aspirin.', startMs: 62_250, endMs: 63_000 },
    ]);
    assert.throws(() => durationMs('2 seconds'), /not a protobuf duration/);
  });

  it('polls standard batch soon and Dynamic Batch rarely, and gives up retrying after four', () => {
    assert.deepEqual(
      [0, 1, 2, 10].map((n) => pollDelaySeconds(n, 'standard')),
      [5, 10, 20, 300],
    );
    assert.deepEqual(
      [0, 1].map((n) => pollDelaySeconds(n, 'dynamic')),
      [600, 1800],
    );
    assert.deepEqual([1, 2, 3, 4, 5].map(captionRetryDelaySeconds), [30, 120, 600, 1800, undefined]);
  });
});
