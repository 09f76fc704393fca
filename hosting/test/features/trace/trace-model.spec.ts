// The "Trace a leak" page: what it refuses before uploading, the states of a trace, the report in
// words, and that only admins have the page.
import assert from 'node:assert/strict';
import type { TraceReport } from '../../../src/api/admin-api';
import { ApiError } from '../../../src/api/http-api';
import { TRACE_CLIP_MAX_BYTES } from '../../../src/api/wire';
import {
  clipProblem,
  createTraceModel,
  falseMatchText,
  readingText,
  suspectRows,
  verdictText,
} from '../../../src/features/trace/trace-model';
import { navForRole, resolveSection } from '../../../src/shell/nav-derive';

const identified: TraceReport = {
  verdict: 'identified',
  message: 'The copy came from one playback session.',
  recordingId: 'rec-1',
  title: 'Cardiac cycle',
  clipSeconds: 300,
  segmentsRead: 42,
  firstSeq: 10,
  lastSeq: 51,
  suspects: [
    {
      markId: 'sess-1',
      kind: 'playback',
      uid: 'u-student1',
      name: 'Sam Patel',
      email: 'student1@lecturevault.dev',
      startedAtMs: 1_000,
      ip: '203.0.113.7',
      matched: 41,
      of: 42,
      falseMatchChance: 5e-10,
    },
  ],
};
const clip = (size: number, name = 'leak.mp4') => new File([new Uint8Array(size)], name, { type: 'video/mp4' });

describe('the trace page', () => {
  it('refuses a missing, empty or too large clip before anything is uploaded', async () => {
    assert.equal(clipProblem(null), 'Choose a video file first.');
    assert.equal(clipProblem({ size: 0, name: 'a.mp4' }), 'a.mp4 is empty.');
    assert.match(
      clipProblem({ size: TRACE_CLIP_MAX_BYTES + 1, name: 'big.mkv' })!,
      /^big\.mkv is 30 MB; the tracer takes up to 30 MB/,
    );
    assert.equal(clipProblem({ size: TRACE_CLIP_MAX_BYTES, name: 'ok.mp4' }), null);
    let calls = 0;
    const model = createTraceModel({ trace: async () => (calls++, identified) });
    await model.trace(clip(0), '');
    assert.equal(calls, 0);
    assert.deepEqual(model.state.value, { kind: 'failed', message: 'leak.mp4 is empty.' });
  });

  it('shows "Tracing…" while the tracer works, then the report; the recording is passed only when chosen', async () => {
    const asked: Array<string | undefined> = [];
    let answer!: (report: TraceReport) => void;
    const model = createTraceModel({
      trace: (_clip, recordingId) => {
        asked.push(recordingId);
        return new Promise((resolve) => (answer = resolve));
      },
    });
    const pending = model.trace(clip(1_000), '');
    assert.deepEqual(model.state.value, { kind: 'tracing', fileName: 'leak.mp4', bytes: 1_000 });
    answer(identified);
    await pending;
    assert.deepEqual(model.state.value, { kind: 'done', report: identified });
    const again = model.trace(clip(10), 'rec-1');
    answer(identified);
    await again;
    assert.deepEqual(asked, [undefined, 'rec-1']);
  });

  it('shows the server’s refusal in its own words, and drops an answer that comes after a new file was picked', async () => {
    const refusing = createTraceModel({
      trace: async () => {
        throw new ApiError(403, 'permission-denied', 'Only an admin can do this.');
      },
    });
    await refusing.trace(clip(5), '');
    assert.deepEqual(refusing.state.value, { kind: 'failed', message: 'Only an admin can do this.' });
    const offline = createTraceModel({
      trace: async () => {
        throw new TypeError('boom');
      },
    });
    await offline.trace(clip(5), '');
    assert.deepEqual(offline.state.value, { kind: 'failed', message: 'Could not trace this clip. Try again.' });

    let answer!: (report: TraceReport) => void;
    const model = createTraceModel({ trace: () => new Promise((resolve) => (answer = resolve)) });
    const pending = model.trace(clip(5), '');
    model.reset();
    answer(identified);
    await pending;
    assert.deepEqual(model.state.value, { kind: 'idle' });
  });

  it('puts the verdict and each named viewer in words', () => {
    assert.equal(verdictText(identified).headline, 'Identified: the copy came from one viewer.');
    assert.equal(
      verdictText({
        ...identified,
        suspects: [identified.suspects[0]!, { ...identified.suspects[0]!, markId: 'dl_x' }],
      }).headline,
      'Identified: the copy mixes 2 viewers’ copies.',
    );
    const short = verdictText({ ...identified, verdict: 'not-enough-footage', suspects: [] });
    assert.equal(short.headline, 'Not enough footage to name anyone.');
    assert.match(short.explanation, /longer clip/);
    assert.match(
      verdictText({ ...identified, verdict: 'unknown', suspects: [] }).explanation,
      /names no one rather than guess/,
    );
    assert.deepEqual(suspectRows(identified), [
      {
        key: 'sess-1',
        name: 'Sam Patel',
        email: 'student1@lecturevault.dev',
        uid: 'u-student1',
        how: 'Playback session',
        startedAtMs: 1_000,
        ip: '203.0.113.7',
        matched: '41 of 42',
        falseMatch: '1 in 2,000,000,000',
      },
    ]);
    assert.equal(
      suspectRows({ ...identified, suspects: [{ ...identified.suspects[0]!, kind: 'download', ip: undefined }] })[0]!
        .ip,
      'not recorded',
    );
    assert.equal(falseMatchText(0), 'below 1 in 10¹²');
    assert.equal(falseMatchText(0.6), '60 %');
    assert.equal(readingText(identified), '300.0 s of video, 42 segments read (segments 10–51) of Cardiac cycle.');
  });

  it('is on the admin console only: teachers and students have no such section', () => {
    assert.ok(navForRole('admin').some((item) => item.section === 'trace'));
    assert.deepEqual(resolveSection('teacher', 'trace'), { kind: 'forbidden' });
    assert.deepEqual(resolveSection('student', 'trace'), { kind: 'forbidden' });
  });
});
