// Watched time measured by the server: segments delivered (their receipts handed back with a
// heartbeat) are credited once per viewer, never faster than real time across all the viewer's
// sessions; heartbeats without receipts, forged receipts and another session's receipts credit nothing. GET /api/recordings/:id/viewers for admins and the meeting's teacher.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, FUNCTIONS_URL, resetWorld } from '../kit/emulators';
import { hlsSegments } from '../kit/media';
import { readyRecording } from '../kit/recordings';

type ViewerRow = {
  uid: string;
  name: string;
  email: string;
  watchedSeconds: number;
  completion: number;
  sessions: number;
};
type Who = 'admin' | 'teacher1' | 'teacher2' | 'student1' | 'student2' | 'student3' | 'student6';
let tokens: Record<Who, string>;

async function openSession(who: Who, recordingId = 'rec-att') {
  const reply = await callApi<{ sessionId: string }>(`/recordings/${recordingId}/sessions`, {
    token: tokens[who],
    method: 'POST',
    body: {},
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body.sessionId;
}

/** Fetches every segment of the session's playlist; their delivery receipts. */
async function fetchSegments(sessionId: string, who: Who): Promise<string[]> {
  const headers = { authorization: `Bearer ${tokens[who]}` };
  const playlist = await (await fetch(`${FUNCTIONS_URL}/api/play/${sessionId}/playlist.m3u8`, { headers })).text();
  const receipts: string[] = [];
  for (const uri of playlist.split('\n').filter((l) => l.startsWith('seg/'))) {
    const res = await fetch(`${FUNCTIONS_URL}/api/play/${sessionId}/${uri}`, { headers });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    receipts.push(res.headers.get('x-delivery-receipt')!);
  }
  assert.ok(receipts.every(Boolean), 'every segment comes with a receipt');
  return receipts;
}

const beat = (sessionId: string, who: Who, delivered?: unknown) =>
  callApi<{ renewed: boolean }>(`/play/${sessionId}/heartbeat`, {
    token: tokens[who],
    method: 'POST',
    body: { positionSeconds: 12, ...(delivered === undefined ? {} : { delivered }) },
  });

/** As if the session had been open ten minutes (its allowance grows with real time). */
const age = (sessionId: string) =>
  db()
    .doc(`playbackSessions/${sessionId}`)
    .update({ createdAtMs: Date.now() - 600_000 });

async function viewers(who: Who = 'admin', recordingId = 'rec-att') {
  return callApi<{ viewers: ViewerRow[] }>(`/recordings/${recordingId}/viewers`, { token: tokens[who] });
}

describe('attendance: watched time measured by the server', function () {
  this.timeout(180_000);

  before(async () => {
    await resetWorld();
    await readyRecording('rec-att');
    await readyRecording('rec-att-long', {
      files: hlsSegments({ video: 'testsrc2=size=64x36:rate=5', seconds: 16 * 7 }).files,
    });
    tokens = await tokensFor('admin', 'teacher1', 'teacher2', 'student1', 'student2', 'student3', 'student6');
    const granted = await callApi('/recordings/rec-att/grants', {
      token: tokens.admin,
      method: 'POST',
      body: { email: 'student6@lecturevault.dev' },
    });
    assert.equal(granted.status, 201);
  });

  it('viewers: admins and the meeting’s teacher only; everyone else 403 (nothing about whether it exists)', async () => {
    const replies = await Promise.all(
      (['admin', 'teacher1', 'teacher2', 'student1'] as const).map(async (who) => (await viewers(who)).status),
    );
    assert.deepEqual(replies, [200, 200, 403, 403]);
    const missing = await Promise.all(
      (['admin', 'teacher1', 'student1'] as const).map(async (who) => (await viewers(who, 'rec-none')).status),
    );
    assert.deepEqual(missing, [404, 403, 403]);
    const refused = await viewers('student1');
    assert.deepEqual(refused.body, {
      error: { code: 'permission-denied', message: 'Only an admin or the meeting’s teacher can see this.' },
    });
    assert.equal((await callApi('/recordings/rec-att/viewers')).status, 401);
  });

  it('heartbeats without receipts, with forged ones or with another session’s gain no watched time', async () => {
    const mine = await openSession('student1');
    await age(mine);
    const other = await openSession('student6');
    const theirs = await fetchSegments(other, 'student6');
    for (const delivered of [undefined, [], ['0.AAAAAAAAAAAAAAAAAAAAAA', '1.forged', 'x'], theirs]) {
      assert.equal((await beat(mine, 'student1', delivered)).status, 200);
    }
    assert.equal((await beat(mine, 'student1', 'not-a-list')).status, 400);
    assert.equal((await beat(mine, 'student1', Array(201).fill('0.x'))).status, 400);
    const rows = (await viewers()).body.viewers;
    assert.equal(
      rows.find((v) => v.uid === 'u-student1'),
      undefined,
      'no viewing for the student who fetched nothing',
    );
  });

  it('credits delivered segments once per viewer and counts sessions', async () => {
    const first = await openSession('student1');
    await age(first);
    const receipts = await fetchSegments(first, 'student1');
    assert.equal(receipts.length, 3);
    assert.equal((await beat(first, 'student1', receipts)).status, 200);
    assert.equal((await beat(first, 'student1', receipts)).status, 200); // the same receipts again
    const second = await openSession('student1');
    await age(second);
    assert.equal((await beat(second, 'student1', await fetchSegments(second, 'student1'))).status, 200);
    const row = (await viewers('teacher1')).body.viewers.find((v) => v.uid === 'u-student1');
    // 3 segments of 7 s nominal, capped at the recording's stored length.
    const length = (await db().doc('recordings/rec-att').get()).get('storedSeconds') as number;
    assert.ok(length >= 17 && length <= 21, `stored ${length} s`);
    assert.ok(row, 'the student is listed');
    assert.equal(row.watchedSeconds, Math.min(21, length));
    assert.equal(row.completion, 1);
    assert.equal(row.sessions, 2);
    assert.equal(row.email, 'student1@lecturevault.dev');
    assert.equal(row.name, 'Sam Patel');

    const library = await callApi<{ recordings: { id: string; progress: { watchedSeconds: number } | null }[] }>(
      '/recordings',
      { token: tokens.student1 },
    );
    assert.equal(library.body.recordings.find((r) => r.id === 'rec-att')?.progress?.watchedSeconds, row.watchedSeconds);
  });

  // Issue 26: the allowance is the viewer's, across all their sessions of a recording, read and
  // spent in the crediting transaction. A 16-segment recording (112 s) is what the scripts fetch.
  const LONG = 'rec-att-long';
  const creditedTo = async (uid: string) =>
    (await viewers('admin', LONG)).body.viewers.find((v) => v.uid === uid)?.watchedSeconds ?? 0;

  it('does not credit six sessions opened one after another faster than real time', async () => {
    const started = Date.now();
    // Each session fetches the whole lecture and beats before the next one opens (and cuts it).
    for (let i = 0; i < 6; i++) {
      const session = await openSession('student2', LONG);
      assert.equal((await beat(session, 'student2', await fetchSegments(session, 'student2'))).status, 200);
    }
    const seconds = (Date.now() - started) / 1000;
    const watched = await creditedTo('u-student2');
    // 30 s of buffer and 2 × real time since the first opened; per session it was 6 × that (all 112 s).
    assert.ok(watched >= 28 && watched <= 30 + 2 * seconds, `${watched} s credited in ${seconds.toFixed(1)} s`);
  });

  it('does not let concurrent heartbeats of one new session spend its allowance twice', async () => {
    const session = await openSession('student3', LONG);
    const opened = Date.now();
    const receipts = await fetchSegments(session, 'student3');
    assert.equal(receipts.length, 16);
    // Four beats at once, four different receipts each: each read the same unspent allowance before.
    const beats = await Promise.all(
      [0, 4, 8, 12].map((from) => beat(session, 'student3', receipts.slice(from, from + 4))),
    );
    assert.deepEqual(
      beats.map((b) => b.status),
      [200, 200, 200, 200],
    );
    const seconds = (Date.now() - opened) / 1000;
    const watched = await creditedTo('u-student3');
    assert.ok(
      watched >= 28 && watched <= 30 + 2 * seconds,
      `${watched} s credited ${seconds.toFixed(1)} s after opening`,
    );
  });

  it('credits an honest viewer on two devices all they watched, each segment once', async () => {
    const [laptop, phone] = [await openSession('student1', LONG), await openSession('student1', LONG)];
    // Both have been playing for ten minutes (their allowance grows with real time).
    await Promise.all([age(laptop), age(phone)]);
    const [fromLaptop, fromPhone] = [await fetchSegments(laptop, 'student1'), await fetchSegments(phone, 'student1')];
    assert.equal((await beat(laptop, 'student1', fromLaptop.slice(0, 8))).status, 200);
    assert.equal((await beat(phone, 'student1', fromPhone.slice(8))).status, 200);
    // The phone's receipts for what the laptop already delivered credit nothing more.
    assert.equal((await beat(phone, 'student1', fromPhone.slice(0, 8))).status, 200);
    const row = (await viewers('admin', LONG)).body.viewers.find((v) => v.uid === 'u-student1');
    const length = (await db().doc(`recordings/${LONG}`).get()).get('storedSeconds') as number;
    assert.equal(row?.watchedSeconds, Math.min(16 * 7, length));
    assert.equal(row?.completion, 1);
    assert.equal(row?.sessions, 2);
  });
});
