// Open sessions follow access at once: an expiry in the past, a shorter retention, a demoted role,
// a deleted user, a meeting moved to another batch, a member removed in the console: each is
// followed at once by a refusal of the session's next segment. And the abuse limits: session
// opening and download links rate limited per user, at most N going sessions per account.
import assert from 'node:assert/strict';
import { callApi, tokensFor, type DemoUserKey } from '../kit/api';
import { db, eventually, FUNCTIONS_URL, resetWorld } from '../kit/emulators';
import { readyRecording } from '../kit/recordings';

const REC = 'rec-sessions';
const DAY = 86_400_000;
type Who = 'admin' | 'teacher1' | 'student1' | 'student2' | 'student3' | 'student4' | 'student5';
let t: Record<Who, string>;

async function play(pathAndQuery: string, who: Who, init: RequestInit = {}) {
  return fetch(`${FUNCTIONS_URL}/api${pathAndQuery}`, {
    ...init,
    headers: { authorization: `Bearer ${t[who]}`, ...(init.headers ?? {}) },
  });
}

/** A session that is playing: its playlist read and its first segment fetched. */
async function watching(who: Who): Promise<{ sessionId: string; segment: () => Promise<number> }> {
  const opened = await callApi<{ sessionId: string }>(`/recordings/${REC}/sessions`, {
    token: t[who],
    method: 'POST',
    body: {},
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const { sessionId } = opened.body;
  const playlist = await (await play(`/play/${sessionId}/playlist.m3u8`, who)).text();
  const url = playlist.split('\n').find((l) => l.startsWith('seg/'))!;
  const segment = async () => {
    const res = await play(`/play/${sessionId}/${url}`, who);
    await res.arrayBuffer();
    return res.status;
  };
  assert.equal(await segment(), 200, 'playing');
  return { sessionId, segment };
}

async function heartbeat(sessionId: string, who: Who) {
  const res = await play(`/play/${sessionId}/heartbeat`, who, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"positionSeconds": 1}',
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

/** Waits for the session's next segment to be refused; returns how long it took after the change. */
async function refusedWithin(segment: () => Promise<number>, changedAtMs: number, limitMs = 5_000): Promise<number> {
  await eventually(async () => (await segment()) === 403, limitMs, 'the segment refused');
  return Date.now() - changedAtMs;
}

/** Waits until the start of a fresh minute if this one is nearly over (the limits' windows are fixed minutes). */
async function freshWindow(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 40_000) await new Promise((r) => setTimeout(r, 60_000 - into + 200));
}

/** Each describe changes access and limits: it starts from the seeded world, the recording ready. */
async function freshWorld(): Promise<void> {
  await resetWorld();
  await readyRecording(REC);
  t = await tokensFor(
    ...(['admin', 'teacher1', 'student1', 'student2', 'student3', 'student4', 'student5'] as DemoUserKey[]),
  );
}

describe('open sessions follow every access change at once', function () {
  this.timeout(180_000);

  before(freshWorld);

  it('an expiry set in the past: the student is refused at once, the teacher plays on', async () => {
    const student = await watching('student1');
    const teacher = await watching('teacher1');
    const set = await callApi(`/recordings/${REC}/expiry`, {
      token: t.admin,
      method: 'PUT',
      body: { expiresAtMs: Date.now() - 1_000 },
    });
    assert.equal(set.status, 200);
    assert.equal(await student.segment(), 403, 'cut before the answer came back');
    assert.equal(await teacher.segment(), 200, 'staff may watch past the expiry');
    const beat = await heartbeat(student.sessionId, 'student1');
    assert.deepEqual([beat.status, beat.body.error?.code], [403, 'recording-expired']);
    const audit = await db().collection('auditLog').where('action', '==', 'set-expiry').get();
    assert.match(audit.docs[0]!.get('reason') as string, /; 1 session\(s\) cut$/);
    await callApi(`/recordings/${REC}/expiry`, { token: t.admin, method: 'PUT', body: { expiresAtMs: null } });
  });

  it('a shorter retention that makes the recording expired cuts its students’ sessions', async () => {
    await db()
      .doc(`recordings/${REC}`)
      .update({ endedAtMs: Date.now() - 45 * DAY });
    const student = await watching('student1');
    const longer = await callApi('/settings/retention', { token: t.admin, method: 'PUT', body: { days: 60 } });
    assert.equal(longer.status, 200);
    assert.equal(await student.segment(), 200, '45 days old: still inside 60 days');
    const shorter = await callApi('/settings/retention', { token: t.admin, method: 'PUT', body: { days: 30 } });
    assert.equal(shorter.status, 200);
    assert.equal(await student.segment(), 403);
    assert.equal((await heartbeat(student.sessionId, 'student1')).body.error?.code, 'recording-expired');
    await callApi('/settings/retention', { token: t.admin, method: 'PUT', body: { days: 90 } });
    await db().doc(`recordings/${REC}`).update({ endedAtMs: Date.now() });
  });

  it('a role demoted in Firestore (the console): the teacher’s session is cut within 5 s', async () => {
    const teacher = await watching('teacher1');
    const changedAt = Date.now();
    await db().doc('users/u-teacher1').update({ role: 'student' });
    const ms = await refusedWithin(teacher.segment, changedAt);
    console.log(`      role demoted → segment refused in ${ms} ms`);
    assert.equal((await heartbeat(teacher.sessionId, 'teacher1')).body.error?.code, 'permission-denied');
    await db().doc('users/u-teacher1').update({ role: 'teacher' });
  });

  it('a deleted user: the session is cut within 5 s and the heartbeat says "not enrolled"', async () => {
    const student = await watching('student2');
    const profile = (await db().doc('users/u-student2').get()).data()!;
    const changedAt = Date.now();
    await db().doc('users/u-student2').delete();
    const ms = await refusedWithin(student.segment, changedAt);
    console.log(`      user deleted → segment refused in ${ms} ms`);
    const beat = await heartbeat(student.sessionId, 'student2');
    assert.equal(beat.status, 403);
    assert.match(beat.body.error!.message, /not enrolled/);
    await db().doc('users/u-student2').set(profile);
  });

  it('a meeting moved to another batch: its old batch’s sessions are cut within 5 s, staff keep theirs', async () => {
    const student = await watching('student3');
    const admin = await watching('admin');
    const changedAt = Date.now();
    await db().doc('meetings/meeting-cardio-101').update({ batchId: 'batch-neuro-2026' });
    const ms = await refusedWithin(student.segment, changedAt);
    console.log(`      meeting's batch changed → segment refused in ${ms} ms`);
    assert.equal(await admin.segment(), 200);
    const cut = await eventually(
      async () => (await db().collection('auditLog').where('action', '==', 'cut-sessions').get()).docs,
      5_000,
      'the cut audited',
    );
    assert.ok(
      cut.some((d) =>
        /^meeting meeting-cardio-101 batch or teacher changed; 1 session\(s\) cut$/.test(d.get('reason')),
      ),
    );
    // The new batch may watch now.
    await watching('student4');
    await db().doc('meetings/meeting-cardio-101').update({ batchId: 'batch-cardio-2026' });
  });

  it('a member removed from the batch in the console: cut within 5 s', async () => {
    const student = await watching('student3');
    const changedAt = Date.now();
    await db().doc('batches/batch-cardio-2026/members/u-student3').delete();
    const ms = await refusedWithin(student.segment, changedAt);
    console.log(`      batch member removed in Firestore → segment refused in ${ms} ms`);
    assert.equal((await heartbeat(student.sessionId, 'student3')).body.error?.code, 'permission-denied');
  });
});

describe('abuse limits', function () {
  this.timeout(180_000);

  before(freshWorld);

  it('at most 2 going sessions per account: a third ends the oldest, which says why', async () => {
    const first = await watching('student1');
    const second = await watching('student1');
    const third = await watching('student1');
    assert.equal(await first.segment(), 403, 'the oldest was ended');
    assert.equal(await second.segment(), 200);
    assert.equal(await third.segment(), 200);
    const beat = await heartbeat(first.sessionId, 'student1');
    assert.deepEqual(beat.body.error, {
      code: 'session-replaced',
      message: 'You started watching on another device or tab; this one was stopped.',
    });
    const opened = await db()
      .collection('auditLog')
      .where('uid', '==', 'u-student1')
      .where('action', '==', 'watch')
      .get();
    assert.ok(opened.docs.some((d) => /; 1 older session\(s\) ended$/.test(d.get('reason'))));
  });

  it('a tab that stopped heartbeating (closed) does not count; the cap is a setting', async () => {
    const closed = await watching('student2');
    await db()
      .doc(`playbackSessions/${closed.sessionId}`)
      .update({ lastHeartbeatMs: Date.now() - 3 * 60_000 });
    const a = await watching('student2');
    const b = await watching('student2');
    assert.equal(await a.segment(), 200, 'the closed tab made no room for itself');
    assert.equal((await db().doc(`playbackSessions/${closed.sessionId}`).get()).get('revokedAtMs'), undefined);
    await db().doc('settings/global').set({ maxConcurrentSessions: 3 }, { merge: true });
    const c = await watching('student2');
    for (const s of [a, b, c]) assert.equal(await s.segment(), 200, 'three allowed');
    await db().doc('settings/global').update({ maxConcurrentSessions: 2 });
  });

  it('opening sessions: 10 a minute per user, then 429 with Retry-After, audited as refused', async () => {
    await freshWindow();
    for (let i = 0; i < 10; i++)
      assert.equal(
        (await callApi(`/recordings/${REC}/sessions`, { token: t.student3, method: 'POST', body: {} })).status,
        201,
        `session ${i + 1}`,
      );
    const limited = await callApi(`/recordings/${REC}/sessions`, { token: t.student3, method: 'POST', body: {} });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(limited.headers.get('cache-control'), 'no-store');
    assert.deepEqual(limited.body, {
      error: {
        code: 'rate-limited',
        message: `Too many requests. Try again in ${retryAfter} s.`,
        retryAfterSeconds: retryAfter,
      },
    });
    const refused = await db()
      .collection('auditLog')
      .where('uid', '==', 'u-student3')
      .where('outcome', '==', 'refused')
      .get();
    assert.deepEqual(
      refused.docs.map((d) => [d.get('action'), d.get('reason')]),
      [['watch', 'rate-limited']],
    );
    assert.equal(
      (await db().collection('playbackSessions').where('uid', '==', 'u-student3').get()).size,
      10,
      'the refused one opened nothing',
    );
    // Another user is not affected.
    assert.equal(
      (await callApi(`/recordings/${REC}/sessions`, { token: t.student4, method: 'POST', body: {} })).status,
      403,
      'student 4 is refused for access, not for student 3’s rate',
    );
    assert.equal(
      (await callApi(`/recordings/${REC}/sessions`, { token: t.student1, method: 'POST', body: {} })).status,
      201,
    );
  });

  it('download links: 5 a minute per user, then 429 with Retry-After, audited as refused', async () => {
    await freshWindow();
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await callApi(`/recordings/${REC}/download-links`, { token: t.teacher1, method: 'POST', body: {} })).status,
        201,
        `link ${i + 1}`,
      );
    const limited = await callApi(`/recordings/${REC}/download-links`, { token: t.teacher1, method: 'POST', body: {} });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(limited.body.error?.code, 'rate-limited');
    assert.equal((await db().collection('downloadTickets').where('uid', '==', 'u-teacher1').get()).size, 5);
    const refused = await db()
      .collection('auditLog')
      .where('uid', '==', 'u-teacher1')
      .where('outcome', '==', 'refused')
      .get();
    assert.deepEqual(
      refused.docs.map((d) => [d.get('action'), d.get('reason')]),
      [['download', 'rate-limited']],
    );
    assert.equal(
      (await callApi(`/recordings/${REC}/download-links`, { token: t.admin, method: 'POST', body: {} })).status,
      201,
      'the admin has a limit of their own',
    );
  });
});
