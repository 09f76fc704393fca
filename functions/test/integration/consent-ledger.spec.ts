// The consent ledger after a recorded meeting (the LiveKit stand-in, its real webhooks): two
// students in the room when it starts, one answers "Continue", one "Leave meeting" and leaves, a
// client without our banner joins during it and never answers.
import assert from 'node:assert/strict';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { callApi, tokensFor } from '../kit/api';
import { joinRoom, leaveRoom } from '../kit/control';
import { db, resetWorld } from '../kit/emulators';
import { startStandIn } from '../kit/livekit-dev';
import { waitForStatus } from '../kit/recordings';

const CARDIO = 'meeting-cardio-101';
type Row = { identity: string; name: string; status: string; present: boolean; leftAtMs: number | null };

describe('consent ledger', function () {
  this.timeout(180_000);
  let livekit: LiveKitDev;
  let t: Awaited<ReturnType<typeof tokens>>;
  const tokens = () => tokensFor('admin', 'teacher1', 'teacher2', 'student1', 'student2', 'student5');
  const answer = (token: string, body: unknown, meeting = CARDIO) =>
    callApi(`/meetings/${meeting}/recording/consent`, { token, method: 'POST', body });

  before(async () => {
    livekit = await startStandIn({ speed: 5, freezeMs: 60_000 });
    await livekit.reset();
    await resetWorld({ forensicWatermark: false }); // not the subject here: see resetWorld
    t = await tokens();
  });
  after(() => livekit?.close());

  it('says who was present, who acknowledged, who left and who never answered', async () => {
    await joinRoom('cardio-101', 'u-student1');
    await joinRoom('cardio-101', 'u-student2');
    await livekit.webhooks.idle();
    const started = await callApi<{ recording: { id: string } }>(`/meetings/${CARDIO}/recording/start`, {
      token: t.teacher1,
      method: 'POST',
      body: {},
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = started.body.recording.id;
    await waitForStatus(id, 'recording');
    await joinRoom('cardio-101', 'foreign-client'); // joined during it, with a client that has no banner

    assert.equal((await answer(t.student1, { recordingId: id, answer: 'continue' })).status, 204);
    assert.equal((await answer(t.student2, { recordingId: id, answer: 'leave' })).status, 204);
    await leaveRoom('cardio-101', 'u-student2');
    // Refused, changing nothing: a student outside the meeting's batch, a bad answer, another meeting.
    assert.equal((await answer(t.student5, { recordingId: id, answer: 'continue' })).status, 403);
    assert.equal((await answer(t.student1, { recordingId: id, answer: 'maybe' })).status, 400);
    assert.equal((await answer(t.student1, { recordingId: '__x__', answer: 'leave' })).status, 400);
    assert.equal((await answer(t.student1, { recordingId: 'rec-none', answer: 'leave' })).status, 409);
    await livekit.webhooks.idle();

    assert.equal(
      (await callApi(`/meetings/${CARDIO}/recording/stop`, { token: t.teacher1, method: 'POST', body: {} })).status,
      200,
    );
    await waitForStatus(id, ['ready', 'incomplete']);
    assert.equal(
      (await answer(t.student1, { recordingId: id, answer: 'leave' })).status,
      409,
      'no answers once it has ended',
    );

    const ledger = await callApi<{ participants: Row[] }>(`/recordings/${id}/consent`, { token: t.teacher1 });
    assert.equal(ledger.status, 200);
    const by = new Map(ledger.body.participants.map((p) => [p.identity, p]));
    assert.deepEqual(
      ledger.body.participants.map((p) => [p.identity, p.status, p.present]),
      [
        ['foreign-client', 'never-answered', true],
        ['u-student2', 'left', true],
        ['u-student1', 'acknowledged', true],
      ],
    );
    assert.equal(by.get('u-student1')?.name, 'Sam Patel');
    assert.equal(by.get('u-student1')?.leftAtMs, null);
    assert.ok(by.get('u-student2')!.leftAtMs! > 0, 'the leave event is in the ledger');

    const statuses = await Promise.all(
      [t.admin, t.teacher2, t.student1].map(
        async (token) => (await callApi(`/recordings/${id}/consent`, { token })).status,
      ),
    );
    assert.deepEqual(statuses, [200, 403, 403]);

    // Kept as long as the audit: deleting the recording leaves the ledger.
    assert.equal((await callApi(`/recordings/${id}`, { token: t.admin, method: 'DELETE' })).status, 204);
    const kept = await db().collection('consentLedger').where('recordingId', '==', id).get();
    assert.equal(kept.size, 3);
  });
});
