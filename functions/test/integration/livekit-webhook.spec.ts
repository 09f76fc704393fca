// The webhook endpoint accepts only deliveries signed with our LiveKit secret over the exact
// body, and records each event id once. Rejected deliveries write nothing.
import assert from 'node:assert/strict';
import { clearAll, db } from '../kit/emulators';
import { deliver, signWebhook } from '../kit/livekit-webhooks';

const roomStarted = { event: 'room_started', room: { sid: 'RM_1', name: 'cardio-101' } };

async function storedEventIds(): Promise<string[]> {
  return (await db().collection('webhookEvents').get()).docs.map((d) => d.id);
}

describe('LiveKit webhook endpoint', () => {
  beforeEach(clearAll);

  it('accepts a signed delivery and records its event id', async () => {
    const delivery = await signWebhook(roomStarted);
    const res = await deliver(delivery);
    assert.equal(res.status, 200);
    assert.deepEqual(await storedEventIds(), [JSON.parse(delivery.body).id]);
  });

  it('treats a replay of the same delivery as a duplicate', async () => {
    const delivery = await signWebhook(roomStarted);
    await deliver(delivery);
    const again = await deliver(delivery);
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
    assert.equal((await storedEventIds()).length, 1);
  });

  const attacks: [string, () => Promise<{ body: string; authorization: string }>][] = [
    [
      'signed with another secret (forged)',
      () => signWebhook(roomStarted, { secret: 'not-our-secret-not-our-secret-123456' }),
    ],
    [
      'a body changed after signing',
      async () => {
        const d = await signWebhook(roomStarted);
        return { ...d, body: d.body.replace('cardio-101', 'neuro-201') };
      },
    ],
    ['an expired token', () => signWebhook(roomStarted, { ttl: -60 })],
    [
      'a "Bearer " prefixed token',
      async () => {
        const d = await signWebhook(roomStarted);
        return { ...d, authorization: `Bearer ${d.authorization}` };
      },
    ],
    ['no token at all', async () => ({ ...(await signWebhook(roomStarted)), authorization: '' })],
  ];

  for (const [what, make] of attacks) {
    it(`rejects ${what} with 401 and writes nothing`, async () => {
      const res = await deliver(await make());
      assert.equal(res.status, 401);
      const body = (await res.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'unauthenticated');
      assert.deepEqual(await storedEventIds(), []);
    });
  }
});
