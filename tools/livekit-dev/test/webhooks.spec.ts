// Webhooks as a receiver built on the real WebhookReceiver sees them: signed, protojson bodies,
// retries with the same id, and the duplicate / drop / reorder / forge faults.
import assert from 'node:assert/strict';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { LiveKitDev } from '../src/server.js';
import { API_KEY, API_SECRET, control, startDev, startHookReceiver, type HookReceiver } from './helpers.js';

describe('livekit-dev webhooks (verified with the real WebhookReceiver)', function () {
  this.timeout(20000);
  let dev: LiveKitDev;
  let hooks: HookReceiver;
  const receiver = new WebhookReceiver(API_KEY, API_SECRET);

  before(async () => {
    hooks = await startHookReceiver();
    dev = await startDev({ webhookUrl: hooks.url });
  });
  beforeEach(async () => {
    await dev.reset();
    hooks.received.length = 0;
    hooks.respond = () => 200;
  });
  after(async () => {
    await dev.close();
    await hooks.close();
  });

  const events = async (): Promise<{ event: string; id: string; room?: string; identity?: string }[]> => {
    await dev.webhooks.idle();
    return Promise.all(
      hooks.received.map(async (h) => {
        const ev = await receiver.receive(h.body, h.auth);
        return { event: ev.event, id: ev.id, room: ev.room?.name, identity: ev.participant?.identity };
      }),
    );
  };

  it('signs every event so WebhookReceiver.receive accepts it', async () => {
    await control(dev, 'POST', '/rooms', { name: 'hall' });
    await control(dev, 'POST', '/rooms/hall/participants', { identity: 'prof', name: 'Prof' });
    await control(dev, 'DELETE', '/rooms/hall/participants/prof');
    await control(dev, 'POST', '/rooms/hall/end');
    const got = await events();
    assert.deepEqual(
      got.map((e) => [e.event, e.identity ?? '']),
      [
        ['room_started', ''],
        ['participant_joined', 'prof'],
        ['participant_left', 'prof'],
        ['room_finished', ''],
      ],
    );
    for (const e of got) assert.match(e.id, /^EV_/);
    const h = hooks.received[0]!;
    assert.equal(h.contentType, 'application/webhook+json');
    assert.equal(h.userAgent, 'LiveKit');
    assert.ok(h.auth && !h.auth.startsWith('Bearer '));
    const body = JSON.parse(h.body) as Record<string, unknown>;
    assert.equal(typeof body.createdAt, 'string');
    assert.equal((body.room as { name: string }).name, 'hall');
    assert.equal('numParticipants' in (body.room as object), false); // protojson: defaults omitted
    assert.equal(
      (await dev.webhooks.log).every((d) => d.status === 200 && d.attempts === 1),
      true,
    );
  });

  it('forge: receive() rejects the signature', async () => {
    await control(dev, 'POST', '/faults', { webhooks: { mode: 'forge', count: 1 } });
    await control(dev, 'POST', '/rooms', { name: 'forged' });
    await control(dev, 'POST', '/rooms', { name: 'honest' });
    await dev.webhooks.idle();
    assert.equal(hooks.received.length, 2);
    await assert.rejects(receiver.receive(hooks.received[0]!.body, hooks.received[0]!.auth));
    const ok = await receiver.receive(hooks.received[1]!.body, hooks.received[1]!.auth);
    assert.equal(ok.room?.name, 'honest');
    assert.equal(dev.webhooks.log[0]!.fault, 'forge');
  });

  it('duplicate sends the same id twice; drop never sends', async () => {
    await control(dev, 'POST', '/faults', { webhooks: { mode: 'duplicate', count: 1 } });
    await control(dev, 'POST', '/rooms', { name: 'dup' });
    await control(dev, 'POST', '/faults', { webhooks: { mode: 'drop', count: 1 } });
    await control(dev, 'POST', '/rooms', { name: 'dropped' });
    await control(dev, 'POST', '/rooms', { name: 'after' });
    const got = await events();
    assert.deepEqual(
      got.map((e) => e.room),
      ['dup', 'dup', 'after'],
    );
    assert.equal(got[0]!.id, got[1]!.id);
    const log = (await control(dev, 'GET', '/webhooks')).json.deliveries as {
      room: string;
      fault?: string;
      status: number | null;
    }[];
    assert.deepEqual(
      log.find((d) => d.room === 'dropped'),
      { ...log.find((d) => d.room === 'dropped'), fault: 'drop', status: null },
    );
  });

  it('reorder holds one event and sends it after the next', async () => {
    await control(dev, 'POST', '/faults', { webhooks: { mode: 'reorder', count: 1 } });
    await control(dev, 'POST', '/rooms', { name: 'first' });
    await control(dev, 'POST', '/rooms', { name: 'second' });
    await control(dev, 'POST', '/rooms', { name: 'third' });
    assert.deepEqual(
      (await events()).map((e) => e.room),
      ['second', 'first', 'third'],
    );
  });

  it('retries 5xx with the same id but never a 4xx', async () => {
    hooks.respond = (n) => (n <= 2 ? 503 : n === 4 ? 400 : 200);
    await control(dev, 'POST', '/rooms', { name: 'flaky' }); // requests 1, 2 fail; 3 succeeds
    await control(dev, 'POST', '/rooms', { name: 'rejected' }); // request 4: 400, not retried
    await control(dev, 'POST', '/rooms', { name: 'fine' });
    const got = await events();
    assert.deepEqual(
      got.map((e) => e.room),
      ['flaky', 'flaky', 'flaky', 'rejected', 'fine'],
    );
    assert.equal(new Set(got.slice(0, 3).map((e) => e.id)).size, 1);
    const log = dev.webhooks.log;
    assert.deepEqual(
      log.map((d) => [d.room, d.status, d.attempts]),
      [
        ['flaky', 200, 3],
        ['rejected', 400, 1],
        ['fine', 200, 1],
      ],
    );
  });
});
