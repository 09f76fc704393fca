// adminBadges/alerts, the unread count the admins' badge follows, can never drift from the alerts:
// after raises (plain, keyed — a key that already stands counts nothing — and inside a recording's
// transaction) and reads (the same alert marked read twice at once, unknown alerts), run
// concurrently, the document equals a count of the unread alerts. The inbox API's part (the first
// read counts alerts raised before the badge existed) is at the end.
import assert from 'node:assert/strict';
import {
  alertInTransaction,
  countAlertsIfNeverCounted,
  raiseAlert,
  raiseAlertOnce,
  setAlertRead,
} from '../../src/store/alerts';
import { db as serverDb } from '../../src/store/firebase';
import { callApi, tokensFor } from '../kit/api';
import { db, resetWorld } from '../kit/emulators';
import { alerts } from '../kit/recordings';

const badge = async () => (await db().doc('adminBadges/alerts').get()).data();
const unreadCounted = async () => (await alerts()).filter((a) => a['read'] === false).length;
const fields = (n: number) => ({ kind: 'upload-gap', message: `Gap ${n}`, recordingId: `rec-${n}` });
const inRecordingTransaction = (n: number) =>
  serverDb().runTransaction(async (tx) => alertInTransaction(tx, fields(n), Date.now()));

async function assertNoDrift(when: string): Promise<void> {
  assert.equal((await badge())?.['unread'], await unreadCounted(), `badge vs unread alerts ${when}`);
}

/** A fixed pseudo-random sequence (mulberry32): the same operations on every run. */
function randomFrom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('adminBadges/alerts: the unread count moves with the alerts', function () {
  this.timeout(120_000);
  beforeEach(() => resetWorld());

  it('concurrent raises count each new alert once; a key that already stands counts nothing', async () => {
    const keyed = await Promise.all([
      raiseAlert(fields(1)),
      raiseAlert(fields(2)),
      raiseAlert(fields(3)),
      raiseAlertOnce('watchdog-unscheduled-rec-a', fields(4)),
      raiseAlertOnce('watchdog-unscheduled-rec-a', fields(4)),
      raiseAlertOnce('watchdog-unscheduled-rec-a', fields(4)),
      raiseAlertOnce('watchdog-unscheduled-rec-b', fields(5)),
      raiseAlertOnce('watchdog-unscheduled-rec-b', fields(5)),
      inRecordingTransaction(6),
      inRecordingTransaction(7),
    ]);
    const won = (from: number, to: number) => keyed.slice(from, to).filter((created) => created === true).length;
    assert.deepEqual([won(3, 6), won(6, 8)], [1, 1], 'one raise per key created its alert');
    assert.equal(await unreadCounted(), 7);
    await assertNoDrift('after the raises');
    assert.equal(await raiseAlertOnce('watchdog-unscheduled-rec-a', fields(4)), false);
    await assertNoDrift('after a raise of a standing key');
  });

  it('the same alert marked read twice at once, by two admins, takes one off the count', async () => {
    await Promise.all([raiseAlert(fields(1)), raiseAlert(fields(2)), raiseAlertOnce('key-c', fields(3))]);
    const [first, second] = (await alerts()).map((a) => a.id);
    const answers = await Promise.all([
      setAlertRead(first!, 'u-admin', 10),
      setAlertRead(first!, 'u-admin2', 11),
      setAlertRead(first!, 'u-admin', 12),
      setAlertRead(second!, 'u-admin', 13),
      setAlertRead(second!, 'u-admin2', 14),
      setAlertRead('no-such-alert', 'u-admin', 15),
    ]);
    assert.deepEqual(answers, [true, true, true, true, true, false]);
    assert.equal((await badge())?.['unread'], 1);
    await assertNoDrift('after the double reads');
    const read = (await db().doc(`alerts/${first}`).get()).data();
    assert.ok(['u-admin', 'u-admin2'].includes(String(read?.['readBy'])), 'the first reader is kept');
    // Read again later: nothing moves.
    assert.equal(await setAlertRead(first!, 'u-admin', 20), true);
    await assertNoDrift('after a late second read');
  });

  it('a long mixed sequence of concurrent raises and reads never drifts', async () => {
    const random = randomFrom(29);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    for (let round = 0; round < 3; round++) {
      const known = (await alerts()).map((a) => a.id);
      const operations: Promise<unknown>[] = [];
      for (let i = 0; i < 12; i++) {
        const n = round * 100 + i;
        const roll = random();
        if (roll < 0.25) operations.push(raiseAlert(fields(n)));
        else if (roll < 0.45) operations.push(raiseAlertOnce(`key-${pick(['a', 'b', 'c', 'd'])}`, fields(n)));
        else if (roll < 0.55) operations.push(inRecordingTransaction(n));
        else if (known.length) {
          // Often the same alert twice in one round: two admins clearing the same line.
          const id = pick(known);
          operations.push(setAlertRead(id, 'u-admin', n));
          if (random() < 0.5) operations.push(setAlertRead(id, 'u-admin2', n));
        }
      }
      await Promise.all(operations);
      await assertNoDrift(`after round ${round}`);
    }
    assert.ok(
      (await alerts()).some((a) => a['read'] === true),
      'the sequence read some alerts',
    );
    assert.ok(await unreadCounted(), 'and left some unread');
  });

  describe('alerts raised before the badge existed', () => {
    let t: { admin: string };
    beforeEach(async () => {
      t = await tokensFor('admin');
    });

    it('are counted by the first inbox read, once; the count then moves with each raise and read', async () => {
      for (const id of ['old-1', 'old-2', 'old-3'])
        await db()
          .doc(`alerts/${id}`)
          .set({ ...fields(0), atMs: 1, read: id === 'old-3' });
      assert.equal(await badge(), undefined);
      // A raise before the first count: the badge exists, but says it is not an exact count yet.
      await raiseAlert(fields(1));
      assert.deepEqual([(await badge())?.['unread'], (await badge())?.['countedAtMs']], [1, undefined]);
      const inbox = await callApi<{ unread: number }>('/alerts?limit=1', { token: t.admin });
      assert.equal(inbox.status, 200);
      assert.equal(inbox.body.unread, 3);
      assert.equal((await badge())?.['unread'], 3);
      const countedAtMs = (await badge())?.['countedAtMs'];
      assert.equal(typeof countedAtMs, 'number');
      // Counted once: later inbox reads leave it to the writes.
      await countAlertsIfNeverCounted();
      assert.equal((await badge())?.['countedAtMs'], countedAtMs);
      assert.equal((await callApi('/alerts/old-1/read', { token: t.admin, method: 'POST' })).status, 204);
      await raiseAlert(fields(2));
      assert.equal((await badge())?.['unread'], 3);
      await assertNoDrift('after the API read and a raise');
    });
  });
});
