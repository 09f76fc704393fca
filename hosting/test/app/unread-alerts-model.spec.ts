// The unread-alerts badge: polled while started, set by the inbox, never undone by a slow poll.
import assert from 'node:assert/strict';
import { createUnreadAlertsModel } from '../../src/app/unread-alerts-model';

/** A load whose answers the test releases one by one. */
function controlledLoad() {
  const pending: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];
  const load = () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('unread alerts model', () => {
  it('loads on start, polls, and forgets the count when stopped', async () => {
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel(load, 20);
    assert.equal(model.count.value, null);
    const stop = model.start();
    pending[0]!.resolve(3);
    await settle();
    assert.equal(model.count.value, 3);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(pending.length >= 2, `polled ${pending.length} times`);
    pending.at(-1)!.resolve(5);
    await settle();
    assert.equal(model.count.value, 5);
    stop();
    assert.equal(model.count.value, null);
    const polls = pending.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(pending.length, polls, 'no poll after stop');
  });

  it('keeps the inbox count when an older poll answers after it', async () => {
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel(load, 60_000);
    const stop = model.start();
    model.set(0); // the inbox loaded after a mark-read
    pending[0]!.resolve(1); // the poll that started before it
    await settle();
    assert.equal(model.count.value, 0);
    stop();
  });

  it('keeps the last count when a poll fails', async () => {
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel(load, 20);
    const stop = model.start();
    pending[0]!.resolve(2);
    await settle();
    await new Promise((r) => setTimeout(r, 30));
    pending.at(-1)!.reject(new Error('offline'));
    await settle();
    assert.equal(model.count.value, 2);
    stop();
  });
});
