// Machine captions end to end: the LiveKit stand-in records a spoken lecture (espeak-ng), the
// recording becomes ready, our functions extract its audio from the sealed segments and send it to
// the Speech-to-Text stand-in (pocketsphinx, started by scripts/dev.mjs), and the captions stored
// are compared with the script: word error rate and when each sentence's caption appears.
import assert from 'node:assert/strict';
import type { CaptionCue } from '@lecturevault/contract';
import type { SpokenLecture } from '../../../tools/livekit-dev/src/lecture-speech';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { CAPTION_LINE_CHARS, CAPTION_MAX_LINES, CAPTION_MAX_MS } from '../../src/domain/captions/caption-cues';
import { alignWords, normaliseWords } from '../../src/domain/captions/transcript-alignment';
import { callApi, tokensFor } from '../kit/api';
import { joinRoom } from '../kit/control';
import { INGEST_BUCKET, db, eventually, ingestBucket, resetWorld } from '../kit/emulators';
import { startStandIn } from '../kit/livekit-dev';
import { waitForFinalized, waitForStatus } from '../kit/recordings';

const CARDIO = 'meeting-cardio-101';
/**
 * Above the stand-in's measured word error rate on this lecture (docs/captions.md) by about six words
 * of the script's 62: pocketsphinx answers the same audio the same way, so the room is for a
 * different AAC cut; a pipeline that loses a sentence (the shortest has six words) fails it.
 */
const MAX_WORD_ERROR_RATE = 0.35;
/** A sentence's caption must appear within this of its speech (median): EN 301 549's 100 ms. */
const MAX_MEDIAN_OFFSET_MS = 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('machine captions (spoken lecture through both stand-ins)', function () {
  let livekit: LiveKitDev;
  let lecture: SpokenLecture;
  let recordingId: string;
  let cues: CaptionCue[];
  let captions: Record<string, unknown>;
  let readyAtMs: number;
  let setUpMs: number; // the whole before(): the spec's cost in npm test, nearly all of it

  before(async function () {
    // Generous: a loaded machine slows every step; the waits below end as soon as their event happens.
    this.timeout(600_000);
    const setUpStart = Date.now();
    // 4× real time: the unmarked, source-only segments cost the emulator little (the matrix records at 5×).
    livekit = await startStandIn({ speed: 4 });
    await resetWorld({ forensicWatermark: false, machineCaptions: true });
    lecture = await livekit.egress.speakIn('cardio-101');
    // The teacher's list for the course: the lecture's own words (the stand-in knows no others).
    await db()
      .doc(`meetings/${CARDIO}`)
      .update({ speechPhrases: lecture.sentences.map((s) => s.text) });
    const t = await tokensFor('teacher1');
    await joinRoom('cardio-101', 'student1');
    const started = await callApi<{ recording: { id: string } }>(`/meetings/${CARDIO}/recording/start`, {
      token: t.teacher1,
      method: 'POST',
      body: {},
      direct: true, // straight to the function: Hosting's proxy gives up after 60 s on a loaded machine
    });
    assert.equal(started.status, 201);
    recordingId = started.body.recording.id;
    // 7 s segments: enough of them to hold the whole lecture, then stop. Counted as egress uploads
    // them, not as ingest stores them: ingest lags, and egress would record on meanwhile.
    const needed = Math.ceil(lecture.durationMs / 7000);
    await eventually(
      async () => (livekit.egress.list({ roomName: 'cardio-101', active: true })[0]?.segments.length ?? 0) >= needed,
      240_000,
      `${needed} segments uploaded`,
    );
    const stopped = await callApi(`/meetings/${CARDIO}/recording/stop`, {
      token: t.teacher1,
      method: 'POST',
      body: {},
      direct: true, // straight to the function: Hosting's proxy gives up after 60 s on a loaded machine
    });
    assert.equal(stopped.status, 200);
    await waitForStatus(recordingId, 'ready', 120_000);
    readyAtMs = (await waitForFinalized(recordingId, 120_000)).playlistCompiledAtMs as number;
    captions = await eventually(
      async () => (await db().doc(`recordings/${recordingId}/captions/en`).get()).data(),
      180_000,
      'machine captions',
    );
    cues = captions.cues as CaptionCue[];
    setUpMs = Date.now() - setUpStart;
  });
  after(() => livekit?.close());

  it('stores machine captions that match the script within the measured error', () => {
    assert.equal(captions.source, 'machine');
    assert.equal(captions.status, 'machine');
    assert.equal(captions.version, 1);
    const script = lecture.sentences.map((s) => s.text).join(' ');
    const alignment = alignWords(normaliseWords(script), normaliseWords(cues.map((c) => c.text).join(' ')));
    // Each sentence's caption: the cue starting nearest its speech.
    const offsets = lecture.sentences.map((s) => Math.min(...cues.map((c) => Math.abs(c.startMs - s.startMs))));
    const report = {
      wordErrorRate: Number(alignment.wordErrorRate.toFixed(3)),
      medianOffsetMs: median(offsets),
      offsetsMs: offsets,
      readyToCaptionsMs: (captions.updatedAtMs as number) - readyAtMs,
      setUpMs,
      cues: cues.length,
    };
    console.log(`      machine captions: ${JSON.stringify(report)}`);
    assert.ok(alignment.wordErrorRate <= MAX_WORD_ERROR_RATE, `WER ${alignment.wordErrorRate}`);
    assert.ok(report.medianOffsetMs <= MAX_MEDIAN_OFFSET_MS, `median offset ${report.medianOffsetMs} ms`);
  });

  it('keeps every cue within two lines of 42 characters and 7 s, in time order', () => {
    for (const [i, cue] of cues.entries()) {
      const lines = cue.text.split('\n');
      assert.ok(lines.length <= CAPTION_MAX_LINES && lines.every((l) => l.length <= CAPTION_LINE_CHARS), cue.text);
      assert.ok(cue.endMs > cue.startMs && cue.endMs - cue.startMs <= CAPTION_MAX_MS + 1000, JSON.stringify(cue));
      if (i) assert.ok(cue.startMs >= cues[i - 1]!.endMs, 'cues do not overlap');
    }
  });

  it('lets only an admin or the meeting’s teacher set its phrase list, and only an admin the batch mode', async () => {
    const t = await tokensFor('admin', 'teacher1', 'teacher2', 'student1');
    const phrases = (token: string, body: unknown) =>
      callApi<{ phrases: string[] }>(`/meetings/${CARDIO}/speech-phrases`, { token, method: 'PUT', body });
    const before = (await db().doc(`meetings/${CARDIO}`).get()).get('speechPhrases');
    for (const token of [t.teacher2, t.student1]) assert.equal((await phrases(token, { phrases: ['x'] })).status, 403);
    for (const bad of [{ phrases: ['y'.repeat(101)] }, { phrases: Array(501).fill('z') }, { phrases: [' '] }, {}]) {
      const reply = await phrases(t.teacher1, bad);
      assert.equal(reply.status, 400, JSON.stringify(bad).slice(0, 60));
    }
    assert.deepEqual((await db().doc(`meetings/${CARDIO}`).get()).get('speechPhrases'), before, 'nothing changed');
    const set = await phrases(t.teacher1, { phrases: ['Heparin', 'heparin', ' Troponin '] });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.phrases, ['Heparin', 'Troponin']);
    assert.deepEqual((await db().doc(`meetings/${CARDIO}`).get()).get('speechPhrases'), ['Heparin', 'Troponin']);

    const batch = (token: string, body: unknown) => callApi('/settings/speech-batch', { token, method: 'PUT', body });
    assert.equal((await batch(t.teacher1, { mode: 'dynamic' })).status, 403);
    assert.equal((await batch(t.admin, { mode: 'weekly' })).status, 400);
    assert.equal((await db().doc('settings/global').get()).get('speechBatch'), 'standard');
    assert.deepEqual((await batch(t.admin, { mode: 'dynamic' })).body, { speechBatch: 'dynamic' });
    assert.equal((await db().doc('settings/global').get()).get('speechBatch'), 'dynamic');
  });

  it('leaves no audio or results behind, and records the job as done', async () => {
    const [left] = await ingestBucket().getFiles({ prefix: `speech/${recordingId}/` });
    assert.deepEqual(
      left.map((f) => f.name),
      [],
      `nothing under gs://${INGEST_BUCKET}/speech/${recordingId}/`,
    );
    const job = (await db().doc(`captionJobs/${recordingId}`).get()).data()!;
    assert.equal(job.state, 'done');
    assert.equal(job.failures, 0);
  });
});
