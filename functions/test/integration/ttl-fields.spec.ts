// Documents that expire carry the timestamp their Firestore TTL policy deletes by (firestore.indexes.json
// fieldOverrides): the emulator runs no TTL policy, so what can be checked here is that every writer
// sets the field as a timestamp (a number would never be deleted), at a sensible moment.
import assert from 'node:assert/strict';
import { Timestamp } from 'firebase-admin/firestore';
import { callApi, tokensFor } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { deliverWithRetries, signWebhook } from '../kit/livekit-webhooks';
import { readyRecording } from '../kit/recordings';
import { TTL_COLLECTIONS } from '../../src/store/index-catalogue';

const DAY = 86_400_000;

async function removeAtOf(collection: string): Promise<number[]> {
  const docs = (await db().collection(collection).get()).docs;
  return docs.map((d) => {
    const value = d.get('removeAt');
    assert.ok(value instanceof Timestamp, `${collection}/${d.id}.removeAt is a timestamp`);
    return value.toMillis();
  });
}

describe('TTL fields', () => {
  before(resetWorld);

  it('sessions, key windows, webhook ids and download tickets each carry removeAt', async () => {
    await readyRecording('rec-ttl');
    const { student1, admin } = await tokensFor('student1', 'admin');
    const before = Date.now();
    const session = await callApi<{ sessionId: string; expiresAtMs: number }>('/recordings/rec-ttl/sessions', {
      token: student1,
      method: 'POST',
    });
    assert.equal(session.status, 201);
    const key = await fetch(`${HOSTING_URL}/api/play/${session.body.sessionId}/key`, {
      headers: { authorization: `Bearer ${student1}` },
    });
    assert.equal(key.status, 200, 'the key (binary, not JSON)');
    assert.equal((await callApi('/recordings/rec-ttl/download-links', { token: admin, method: 'POST' })).status, 201);
    assert.equal(
      (
        await deliverWithRetries(
          await signWebhook({ event: 'room_started', room: { sid: 'RM_ttl', name: 'no-such-room' } }),
        )
      ).status,
      200,
    );

    const [sessionEnd] = await removeAtOf('playbackSessions');
    assert.equal(sessionEnd, session.body.expiresAtMs + 7 * DAY, 'an ended session is kept a week');
    // The key's 30 s window, and the per-minute windows of session opening and download links.
    const windows = await removeAtOf('rateLimits');
    assert.ok(windows.length >= 3, `${windows.length} rate-limit windows`);
    for (const end of windows) assert.ok(end > before && end <= Date.now() + 60_000, 'a window expires with itself');
    const [ticket] = await removeAtOf('downloadTickets');
    assert.ok(ticket! > before && ticket! <= Date.now() + 60_000, 'a ticket expires with its link');
    const [eventId] = await removeAtOf('webhookEvents');
    assert.ok(eventId! >= before + 7 * DAY - 1000 && eventId! <= Date.now() + 7 * DAY, 'event ids are kept a week');
    assert.deepEqual([...TTL_COLLECTIONS].sort(), [
      'downloadTickets',
      'playbackSessions',
      'rateLimits',
      'webhookEvents',
    ]);
  });

  it('a heartbeat that renews a session moves its removeAt with the new end', async () => {
    const { student1 } = await tokensFor('student1');
    const [session] = (await db().collection('playbackSessions').get()).docs;
    // Bring the session's end inside the renewal window, as time would.
    const soon = Date.now() + 60_000;
    await session!.ref.update({ expiresAtMs: soon });
    const beat = await callApi<{ expiresAtMs: number }>(`/play/${session!.id}/heartbeat`, {
      token: student1,
      method: 'POST',
      body: { positionSeconds: 3 },
    });
    assert.equal(beat.status, 200);
    assert.ok(beat.body.expiresAtMs > soon);
    assert.deepEqual(await removeAtOf('playbackSessions'), [beat.body.expiresAtMs + 7 * DAY]);
  });
});
