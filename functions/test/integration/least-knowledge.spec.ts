// Least knowledge: the meeting state (participants, recording) answers only those who may see the
// meeting (the directory's rule), the storage figures only admins, the recording estimate only
// staff, and an account without a users/ profile gets 403 "not enrolled" on every route.
import assert from 'node:assert/strict';
import { endpoints } from '@lecturevault/contract';
import { callApi, tokensFor, type DemoUserKey } from '../kit/api';
import { auth, db, idTokenFor, resetWorld } from '../kit/emulators';
import { NOT_ENROLLED_MESSAGE } from '../../src/errors';

type Who = 'admin' | 'teacher1' | 'teacher2' | 'student1' | 'student4' | 'student6';
const WHO: Who[] = ['admin', 'teacher1', 'teacher2', 'student1', 'student4', 'student6'];

describe('least knowledge', function () {
  this.timeout(120_000);
  let t: Record<Who, string>;

  before(async () => {
    await resetWorld();
    t = await tokensFor(...(WHO as DemoUserKey[]));
    // People in every room, so a leaked state would show them.
    for (const room of ['cardio-101', 'neuro-201', 'ethics-guest'])
      await db()
        .doc(`rooms/${room}`)
        .set({ active: true, participants: { 'u-teacher1': 1_000, 'u-student1': 2_000 } });
    // A recording of the grant-only guest lecture, granted to student 6.
    await db()
      .doc('recordings/rec-guest')
      .set({
        meetingId: 'meeting-ethics-guest',
        roomName: 'ethics-guest',
        status: 'ready',
        createdAtMs: Date.now() - 60_000,
        endedAtMs: Date.now(),
        finalized: true,
      });
    const granted = await callApi('/recordings/rec-guest/grants', {
      token: t.admin,
      method: 'POST',
      body: { email: 'student6@lecturevault.dev' },
    });
    assert.equal(granted.status, 201);
  });

  // Who sees which meeting's state: exactly who the directory lists it for.
  const SEES: Record<string, Who[]> = {
    'meeting-cardio-101': ['admin', 'teacher1', 'student1'],
    'meeting-neuro-201': ['admin', 'teacher2', 'student4'],
    // Student 6 holds a grant to one of its recordings: a guest of the meeting.
    'meeting-ethics-guest': ['admin', 'teacher1', 'student6'],
  };

  for (const [meetingId, sees] of Object.entries(SEES)) {
    for (const who of WHO) {
      const may = sees.includes(who);
      it(`${meetingId}: ${who} ${may ? 'reads' : 'is refused'} the meeting state, as the directory says`, async () => {
        const listed = (await callApi<{ meetings: { id: string }[] }>('/meetings', { token: t[who] })).body.meetings;
        assert.equal(
          listed.some((m) => m.id === meetingId),
          may,
          'directory',
        );
        const reply = await callApi<{ participants?: unknown[] }>(`/meetings/${meetingId}/recording`, {
          token: t[who],
        });
        assert.equal(reply.status, may ? 200 : 403, JSON.stringify(reply.body));
        if (may) assert.equal(reply.body.participants?.length, 2);
        else {
          assert.deepEqual(Object.keys(reply.body), ['error'], 'nothing but the error');
          assert.equal(reply.body.error?.code, 'permission-denied');
          assert.ok(!JSON.stringify(reply.body).includes('Sam Patel'), 'no participant names');
        }
      });
    }
  }

  it('the guest lecture: a grant makes a guest of the meeting, not of its other recordings; revoke or ungrant ends it', async () => {
    await db()
      .doc('recordings/rec-guest-2')
      .set({
        meetingId: 'meeting-ethics-guest',
        roomName: 'ethics-guest',
        status: 'ready',
        createdAtMs: Date.now() - 30_000,
        endedAtMs: Date.now(),
        finalized: true,
      });
    const list = await callApi<{ recordings: { id: string }[] }>('/recordings', { token: t.student6 });
    const ids = list.body.recordings.map((r) => r.id);
    assert.ok(ids.includes('rec-guest'), 'the grant lets student 6 watch');
    assert.ok(!ids.includes('rec-guest-2'), 'the meeting’s other recording is not theirs');
    const state = () => callApi(`/meetings/meeting-ethics-guest/recording`, { token: t.student6 });
    const email = 'Student6@LectureVault.dev';
    const change = async (path: string, method: 'POST' | 'DELETE') => {
      const reply = await callApi(`/recordings/rec-guest/${path}`, {
        token: t.admin,
        method,
        body: method === 'POST' ? { email } : undefined,
      });
      assert.ok(reply.status >= 200 && reply.status < 300, `${method} ${path}: ${reply.status}`);
    };
    assert.equal((await state()).status, 200);
    await change('revocations', 'POST');
    assert.equal((await state()).status, 403, 'revoked: no longer a guest');
    await change('grants', 'POST');
    assert.equal((await state()).status, 200, 'granted again: a guest again');
    await change(`grants/${encodeURIComponent(email)}`, 'DELETE');
    assert.equal((await state()).status, 403, 'ungranted: no longer a guest');
    await change('grants', 'POST');
  });

  it('a missing meeting looks like another’s to all but an admin (no probing of meeting ids)', async () => {
    const missing = await callApi('/meetings/meeting-nope/recording', { token: t.student1 });
    const others = await callApi('/meetings/meeting-neuro-201/recording', { token: t.student1 });
    assert.equal(missing.status, 403);
    assert.deepEqual(missing.body, others.body);
    assert.equal((await callApi('/meetings/meeting-nope/recording', { token: t.admin })).status, 404);
  });

  it('storage figures for admins only; the recording estimate for staff only', async () => {
    const storage = await Promise.all(WHO.map((who) => callApi('/storage', { token: t[who] })));
    assert.deepEqual(
      storage.map((r) => r.status),
      [200, 403, 403, 403, 403, 403],
    );
    const estimate = await Promise.all(WHO.map((who) => callApi('/recording-estimate?hours=2', { token: t[who] })));
    assert.deepEqual(
      estimate.map((r) => r.status),
      [200, 200, 200, 403, 403, 403],
    );
    for (const refused of estimate.slice(3)) {
      assert.deepEqual(Object.keys(refused.body), ['error']);
      assert.equal(refused.body.error?.message, 'Only staff (admins and teachers) can see this.');
    }
    assert.equal(typeof estimate[1].body.freeBytes, 'number');
  });

  describe('an account with no users/ profile', () => {
    let ghost: string;
    before(async () => {
      await auth().createUser({ uid: 'u-ghost', email: 'ghost@example.org', password: 'ghost-password-1' });
      ghost = await idTokenFor('ghost@example.org', 'ghost-password-1');
    });

    // Every route, with a valid request: only the missing profile can refuse it.
    const CALLS: Array<[method: string, path: string, body?: unknown]> = [
      ['GET', '/me'],
      ['PUT', '/me/mail', { enabled: false }],
      ['GET', '/recording-estimate?hours=1'],
      ['GET', '/meetings'],
      ['GET', '/alerts'],
      ['POST', '/alerts/alert-1/read'],
      ['POST', '/access-requests', { recordingId: 'rec-guest' }],
      ['GET', '/meetings/meeting-cardio-101/recording'],
      ['POST', '/meetings/meeting-cardio-101/recording/start', {}],
      ['POST', '/meetings/meeting-cardio-101/recording/stop', {}],
      ['POST', '/meetings/meeting-cardio-101/recording/force-stop', {}],
      ['POST', '/meetings/meeting-cardio-101/recording/consent', { recordingId: 'rec-guest', answer: 'continue' }],
      ['POST', '/embed/feed-token'],
      ['DELETE', '/recordings/rec-guest'],
      ['PUT', '/recordings/rec-guest/expiry', { expiresAtMs: null }],
      ['PUT', '/settings/retention', { days: 30 }],
      ['PUT', '/settings/background-pause', { policy: 'off' }],
      ['PUT', '/settings/forensic-watermark', { enabled: false }],
      ['PUT', '/settings/ladder', { ladder: 'source-only' }],
      ['POST', '/admin/kek/rewrap', {}],
      ['GET', '/storage'],
      ['GET', '/recordings'],
      ['GET', '/library'],
      ['PUT', '/recordings/rec-guest/details', { title: 'Guest lecture' }],
      ['POST', '/recordings/rec-guest/sessions', {}],
      ['GET', '/recordings/rec-guest/download'],
      ['POST', '/recordings/rec-guest/download-links', {}],
      ['GET', '/recordings/rec-guest/access'],
      ['GET', '/recordings/rec-guest/viewers'],
      ['GET', '/recordings/rec-guest/consent'],
      ['GET', '/recordings/rec-guest/poster'],
      ['POST', '/recordings/rec-guest/grants', { email: 'ghost@example.org' }],
      ['DELETE', '/recordings/rec-guest/grants/student6@lecturevault.dev'],
      ['POST', '/recordings/rec-guest/revocations', { email: 'student6@lecturevault.dev' }],
      ['PUT', '/batches/batch-cardio-2026/members/u-ghost'],
      ['DELETE', '/batches/batch-cardio-2026/members/u-student1'],
      ['PUT', '/meetings/meeting-cardio-101/teacher-download', { allowed: false }],
      ['GET', '/people'],
      ['GET', '/meetings/meeting-cardio-101/speech-phrases'],
      ['PUT', '/meetings/meeting-cardio-101/speech-phrases', { phrases: [] }],
      ['PUT', '/settings/speech-batch', { mode: 'dynamic' }],
      ['GET', '/audit'],
      ['GET', '/audit/counters'],
      ['POST', '/audit/verify', {}],
      ['POST', '/trace'],
      ['GET', '/recordings/rec-guest/captions'],
      ['GET', '/recordings/rec-guest/captions/en'],
      ['GET', '/recordings/rec-guest/captions/en/transcript'],
      ['POST', '/recordings/rec-guest/captions', { lang: 'en', text: 'WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n' }],
      ['PUT', '/recordings/rec-guest/captions/en', { baseVersion: 1, cues: [] }],
      ['GET', '/transcripts?q=aspirin'],
    ];
    // Not gated by the profile: /health; /play/* answer by the playback session, which such an
    // account can never open (and a profile deleted mid-session ends it: session-control.spec.ts);
    // /downloads/* by its one-time ticket, likewise. /auth/school-session takes only a school
    // account's sign-in, which has no profile of its own (school-sign-in.spec.ts).
    const EXEMPT = ['GET /health', 'GET /play/', 'POST /play/', 'POST /downloads/', 'POST /auth/school-session'];

    it('covers every route of the API', () => {
      const routes = Object.values(endpoints).map((e) => `${e.method} ${e.path}`);
      const asPattern = (route: string) => new RegExp(`^${route.replace(/:\w+/g, '[^/?]+')}(\\?|$)`);
      const uncovered = routes.filter(
        (route) =>
          !EXEMPT.some((e) => route.startsWith(e)) &&
          !CALLS.some(([method, p]) => asPattern(route).test(`${method} ${p}`)),
      );
      assert.deepEqual(uncovered, []);
    });

    it('gets 403 "not enrolled" everywhere, and nothing changes', async () => {
      for (const [method, p, body] of CALLS) {
        const reply = await callApi(p, { token: ghost, method, body });
        assert.equal(reply.status, 403, `${method} ${p}: ${JSON.stringify(reply.body)}`);
        assert.deepEqual(
          reply.body,
          { error: { code: 'permission-denied', message: NOT_ENROLLED_MESSAGE } },
          `${method} ${p}`,
        );
      }
      assert.ok((await db().doc('recordings/rec-guest').get()).exists, 'not deleted');
      assert.equal((await db().doc('settings/global').get()).get('retentionDays'), 90);
      assert.ok(!(await db().doc('batches/batch-cardio-2026/members/u-ghost').get()).exists);
      assert.ok((await db().doc('batches/batch-cardio-2026/members/u-student1').get()).exists);
      assert.equal((await db().collection('playbackSessions').where('uid', '==', 'u-ghost').get()).size, 0);
    });
  });
});
