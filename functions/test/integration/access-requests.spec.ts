// POST /api/access-requests, a student's "Request access", through the real functions against the
// emulators: students only; the admins' alert names the student (masked email) and the lecture,
// once per student and recording until read; the reply is the same whether the recording exists,
// is the student's already or is another batch's, so it tells nobody which ids exist; a sweep of
// ids is rate limited whatever they are; bad input is a 400 that raises nothing.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, resetWorld } from '../kit/emulators';
import { alerts } from '../kit/recordings';
import { ACCESS_REQUEST_LIMIT } from '../../src/services/access/access-requests';

const request = (token: string | undefined, body: unknown) =>
  callApi<{ sent?: boolean }>('/access-requests', { token, method: 'POST', body });
const requestsRaised = async () => (await alerts()).filter((a) => a['kind'] === 'access-request');

/** A playable recording of a seeded meeting, written as finalize leaves one. */
const readyRecording = (id: string, meetingId: string, fields: Record<string, unknown> = {}) =>
  db()
    .doc(`recordings/${id}`)
    .set({
      meetingId,
      roomName: meetingId.replace(/^meeting-/, ''),
      status: 'ready',
      createdAtMs: Date.now() - 120_000,
      endedAtMs: Date.now() - 60_000,
      finalized: true,
      ...fields,
    });

describe('POST /api/access-requests: "Request access"', function () {
  this.timeout(120_000);
  let t: Record<'admin' | 'teacher1' | 'student1' | 'student4' | 'student5', string>;

  before(async () => {
    await resetWorld();
    t = await tokensFor('admin', 'teacher1', 'student1', 'student4', 'student5');
    await Promise.all([
      readyRecording('rec-cardio', 'meeting-cardio-101', { title: 'Heart sounds, part 2' }),
      readyRecording('rec-neuro', 'meeting-neuro-201'),
    ]);
  });

  it('refuses the unsigned (401), staff (403) and bad input (400), raising nothing', async () => {
    assert.equal((await request(undefined, { recordingId: 'rec-cardio' })).status, 401);
    for (const token of [t.teacher1, t.admin]) {
      const refused = await request(token, { recordingId: 'rec-cardio' });
      assert.equal(refused.status, 403);
      assert.match(refused.body.error!.message, /Only students/);
    }
    for (const body of [
      { recordingId: '../rec-cardio' },
      { recordingId: '__rec__' },
      { recordingId: 'x'.repeat(129) },
      { recordingId: 42 },
      { recordingId: 'rec-cardio', uid: 'u-student1' }, // nobody asks in another's name: unknown keys refused
    ]) {
      const bad = await request(t.student4, body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(typeof bad.body.error?.message, 'string');
    }
    assert.deepEqual(await requestsRaised(), []);
  });

  it("another batch's recording: the admins' alert names the student (masked) and the lecture, once until read", async () => {
    const sent = await request(t.student4, { recordingId: 'rec-cardio' });
    assert.deepEqual([sent.status, sent.body], [202, { sent: true }]);
    const [raised, ...more] = await requestsRaised();
    assert.equal(more.length, 0);
    assert.equal(raised!['recordingId'], 'rec-cardio');
    assert.equal(raised!['personUid'], 'u-student4', 'the caller, from the token: the console prefills their email');
    assert.equal(
      raised!['message'],
      'Eva Novak (s******4@lecturevault.dev) asks for access to “Heart sounds, part 2” of “Cardiac cycle and heart sounds”.',
    );
    // The admin's inbox lists it; asking again while it stands unread adds nothing.
    const inbox = await callApi<{ alerts: { id: string; kind: string }[] }>('/alerts', { token: t.admin });
    assert.ok(inbox.body.alerts.some((a) => a.id === raised!.id && a.kind === 'access-request'));
    assert.deepEqual((await request(t.student4, { recordingId: 'rec-cardio' })).body, { sent: true });
    assert.equal((await requestsRaised()).length, 1, 'one standing request per student and recording');
    // Once an admin has read it, a new request is a new alert.
    assert.equal((await callApi(`/alerts/${raised!.id}/read`, { token: t.admin, method: 'POST' })).status, 204);
    assert.equal((await request(t.student4, { recordingId: 'rec-cardio' })).status, 202);
    assert.equal((await requestsRaised()).length, 2);
  });

  it('answers a missing id, an own-batch recording and a library request alike; only the library one alerts', async () => {
    const before = (await requestsRaised()).length;
    const replies = await Promise.all(
      [{ recordingId: 'rec-does-not-exist' }, { recordingId: 'rec-neuro' }].map((body) => request(t.student5, body)),
    );
    for (const reply of replies) assert.deepEqual([reply.status, reply.body], [202, { sent: true }]);
    assert.equal((await requestsRaised()).length, before, 'nothing to act on: no alert');
    const library = await request(t.student5, {});
    assert.deepEqual([library.status, library.body], [202, { sent: true }]);
    const raised = (await requestsRaised()).filter((a) => !a['recordingId']);
    assert.equal(raised.length, 1);
    assert.match(String(raised[0]!['message']), /^Kofi Mensah \(s\*+5@lecturevault\.dev\) has no lectures/);
  });

  it(`a sweep of ids: ${ACCESS_REQUEST_LIMIT.perWindow} an hour per student, then 429 whether the ids exist or not`, async () => {
    const before = (await requestsRaised()).length;
    for (let i = 0; i < ACCESS_REQUEST_LIMIT.perWindow; i++) {
      assert.equal((await request(t.student1, { recordingId: `rec-guess-${i}` })).status, 202);
    }
    for (const recordingId of ['rec-guess-next', 'rec-neuro']) {
      const limited = await request(t.student1, { recordingId });
      assert.equal(limited.status, 429, recordingId);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    }
    assert.equal((await requestsRaised()).length, before, 'a refused request raises nothing');
  });
});
