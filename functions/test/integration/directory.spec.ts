// /api/meetings (who sees which meetings), /api/alerts (the admin inbox) and the participant names
// the meeting page shows.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, resetWorld } from '../kit/emulators';

type Tokens = Awaited<
  ReturnType<typeof tokensFor<'admin' | 'teacher1' | 'teacher2' | 'student1' | 'student4' | 'student6'>>
>;

describe('meetings directory and alerts inbox', () => {
  let t: Tokens;

  before(async () => {
    await resetWorld();
    t = await tokensFor('admin', 'teacher1', 'teacher2', 'student1', 'student4', 'student6');
  });

  const meetingIds = async (token: string) => {
    const reply = await callApi<{ meetings: Array<{ id: string; canControl: boolean; teacherName: string }> }>(
      '/meetings',
      { token },
    );
    assert.equal(reply.status, 200);
    return reply.body.meetings;
  };

  it('lists every meeting for the admin, own meetings for a teacher, batch meetings for a student', async () => {
    const admin = await meetingIds(t.admin);
    assert.deepEqual(admin.map((m) => m.id).sort(), [
      'meeting-cardio-101',
      'meeting-ethics-guest',
      'meeting-neuro-201',
    ]);
    assert.ok(admin.every((m) => m.canControl));
    assert.equal(admin.find((m) => m.id === 'meeting-cardio-101')?.teacherName, 'Dr. Meredith Grey');

    const teacher = await meetingIds(t.teacher1);
    assert.deepEqual(teacher.map((m) => m.id).sort(), ['meeting-cardio-101', 'meeting-ethics-guest']);
    assert.ok(teacher.every((m) => m.canControl));

    const cardioStudent = await meetingIds(t.student1);
    assert.deepEqual(
      cardioStudent.map((m) => m.id),
      ['meeting-cardio-101'],
    );
    assert.equal(cardioStudent[0]?.canControl, false);
    assert.deepEqual(
      (await meetingIds(t.student4)).map((m) => m.id),
      ['meeting-neuro-201'],
    );
    assert.deepEqual(await meetingIds(t.student6), [], 'a student in no batch sees no meeting');
  });

  it('refuses the meetings list without a token', async () => {
    const reply = await callApi('/meetings');
    assert.equal(reply.status, 401);
  });

  it('shows the admin alerts newest first with the unread count, and marks one read', async () => {
    await db()
      .collection('alerts')
      .doc('alert-old')
      .set({ kind: 'upload-gap', message: 'Old gap', recordingId: 'rec-1', atMs: 1_000, read: false });
    await db()
      .collection('alerts')
      .doc('alert-new')
      .set({ kind: 'storage-threshold', message: 'Storage at 85 %', atMs: 2_000, read: false });
    type Inbox = {
      alerts: Array<{ id: string; read: boolean; recordingId: string | null; meetingId: string | null }>;
      unread: number;
    };
    const before = await callApi<Inbox>('/alerts', { token: t.admin });
    assert.equal(before.status, 200);
    assert.deepEqual(
      before.body.alerts.map((a) => a.id),
      ['alert-new', 'alert-old'],
    );
    assert.equal(before.body.unread, 2);
    assert.equal(before.body.alerts[1]?.recordingId, 'rec-1');
    assert.equal(before.body.alerts[0]?.meetingId, null);

    assert.equal((await callApi('/alerts/alert-old/read', { token: t.admin, method: 'POST' })).status, 204);
    const after = await callApi<Inbox>('/alerts', { token: t.admin });
    assert.equal(after.body.unread, 1);
    assert.equal(after.body.alerts.find((a) => a.id === 'alert-old')?.read, true);
    // The badge's document (counted by the first inbox read, moved by the mark-read) agrees.
    assert.equal((await db().doc('adminBadges/alerts').get()).get('unread'), 1);
  });

  it('answers 404 for an unknown alert and 400 for a bad limit', async () => {
    const missing = await callApi('/alerts/no-such-alert/read', { token: t.admin, method: 'POST' });
    assert.equal(missing.status, 404);
    assert.match(missing.body.error!.message, /no such alert/i);
    assert.equal((await callApi('/alerts?limit=0', { token: t.admin })).status, 400);
  });

  it('keeps the inbox from teachers and students (and they cannot mark alerts read)', async () => {
    await db()
      .collection('alerts')
      .doc('alert-private')
      .set({ kind: 'upload-gap', message: 'x', atMs: 3_000, read: false });
    for (const token of [t.teacher1, t.student1]) {
      assert.equal((await callApi('/alerts', { token })).status, 403);
      assert.equal((await callApi('/alerts/alert-private/read', { token, method: 'POST' })).status, 403);
    }
    assert.equal((await db().doc('alerts/alert-private').get()).get('read'), false);
  });

  it("names the room's participants in the recording state, in joining order", async () => {
    await db()
      .doc('rooms/cardio-101')
      .set({ active: true, participants: { 'u-student2': 2_000, 'u-teacher1': 1_000, 'guest-42': 3_000 } });
    const reply = await callApi<{ participantCount: number; participants: Array<{ identity: string; name: string }> }>(
      '/meetings/meeting-cardio-101/recording',
      { token: t.student1 },
    );
    assert.equal(reply.status, 200);
    assert.equal(reply.body.participantCount, 3);
    assert.deepEqual(reply.body.participants, [
      { identity: 'u-teacher1', name: 'Dr. Meredith Grey' },
      { identity: 'u-student2', name: 'Lina Chen' },
      { identity: 'guest-42', name: 'guest-42' },
    ]);
  });
});
