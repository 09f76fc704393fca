// The unread-alerts badge: follows adminBadges/alerts (a literal fake feed plays the listener), asks
// the API only while the document holds no exact count, is set at once by the inbox, keeps its last
// count when the listener drops and follows again with backoff.
import assert from 'node:assert/strict';
import type { PushedAlertsBadge } from '@lecturevault/contract';
import type { AlertsBadgeFeed } from '../../src/api/pushed-feed';
import { createUnreadAlertsModel } from '../../src/app/unread-alerts-model';
import { fakeFeed } from '../kit/fake-feed';
import { until } from '../kit/until';

const settle = () => new Promise((r) => setTimeout(r, 0));

const counted = (unread: number): PushedAlertsBadge => ({ unread, countedAtMs: 1_000, updatedAtMs: 2_000 });

/** The badge's feed, a literal one (../kit/fake-feed). */
function fakeBadgeFeed() {
  const fake = fakeFeed<PushedAlertsBadge>();
  const feed: AlertsBadgeFeed = { follow: (listener) => fake.follow(listener) };
  return Object.assign(fake, { feed });
}

/** An API whose answers the test releases one by one. */
function controlledLoad() {
  const pending: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];
  const load = () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

describe('unread alerts model', () => {
  it('follows the document once started, never asks the API for an exact count, and forgets it when stopped', async () => {
    const f = fakeBadgeFeed();
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel({ feed: async () => f.feed, load });
    await settle();
    assert.equal(f.follows, 0, 'nothing is followed before an admin is signed in');
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow');
    assert.equal(model.count.value, null);
    f.emit({ kind: 'state', state: counted(3) });
    assert.equal(model.count.value, 3);
    f.emit({ kind: 'state', state: counted(4) }); // an alert raised
    assert.equal(model.count.value, 4);
    assert.equal(pending.length, 0, 'no API request');
    stop();
    assert.equal(model.count.value, null);
    assert.equal(f.unfollowed, 1);
    f.emit({ kind: 'state', state: counted(9) }); // a late snapshot of the stopped listener
    assert.equal(model.count.value, null);
  });

  it('asks the API (once at a time) while the document is missing or not counted yet', async () => {
    const f = fakeBadgeFeed();
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel({ feed: async () => f.feed, load });
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow');
    f.emit({ kind: 'state', state: null });
    f.emit({ kind: 'state', state: { unread: 1, countedAtMs: null, updatedAtMs: 1 } });
    assert.equal(pending.length, 1, 'one request in flight, not two');
    pending[0]!.resolve(3); // the request that had the server count them
    await settle();
    assert.equal(model.count.value, 3);
    f.emit({ kind: 'state', state: counted(3) });
    assert.equal(model.count.value, 3);
    assert.equal(pending.length, 1);
    stop();
  });

  it('an API answer older than a pushed count does not undo it', async () => {
    const f = fakeBadgeFeed();
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel({ feed: async () => f.feed, load });
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow');
    f.emit({ kind: 'state', state: null });
    f.emit({ kind: 'state', state: counted(2) });
    pending[0]!.resolve(7);
    await settle();
    assert.equal(model.count.value, 2);
    stop();
  });

  it('the inbox sets the count at once; the snapshot that follows agrees and moves it on', async () => {
    const f = fakeBadgeFeed();
    const model = createUnreadAlertsModel({ feed: async () => f.feed, load: async () => 0 });
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow');
    f.emit({ kind: 'state', state: counted(1) });
    model.set(0); // the inbox reloaded after a mark-read
    assert.equal(model.count.value, 0);
    f.emit({ kind: 'state', state: counted(0) });
    f.emit({ kind: 'state', state: counted(1) }); // a new alert
    assert.equal(model.count.value, 1);
    stop();
  });

  it('offline keeps the last count; an ended listener keeps it and is followed again with backoff', async () => {
    const f = fakeBadgeFeed();
    const { load, pending } = controlledLoad();
    const model = createUnreadAlertsModel({ feed: async () => f.feed, load, retryMs: 10 });
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow');
    f.emit({ kind: 'state', state: counted(5) });
    f.emit({ kind: 'offline' });
    assert.equal(model.count.value, 5);
    // Each time taken before the event: the retry is scheduled inside emit, so the wait measured
    // from here can only be longer than the one asked for, however late this process runs.
    const endedAt = Date.now();
    f.emit({ kind: 'ended', code: 'unavailable' });
    assert.equal(model.count.value, 5);
    assert.equal(f.unfollowed, 1);
    await until(() => f.follows === 2, 'the second follow');
    assert.ok(f.followedAt[1]! - endedAt >= 9, 'after the first wait');
    const endedAgainAt = Date.now();
    f.emit({ kind: 'ended', code: 'permission-denied' });
    await until(() => f.follows === 3, 'the third follow');
    assert.ok(f.followedAt[2]! - endedAgainAt >= 19, 'after twice the wait');
    assert.equal(model.count.value, 5);
    // In step again: the count moves on.
    f.emit({ kind: 'state', state: counted(6) });
    assert.equal(model.count.value, 6);
    assert.equal(pending.length, 0, 'a dropped listener never falls back to polling');
    stop();
  });

  it('a chunk that did not load is tried again later', async () => {
    const f = fakeBadgeFeed();
    let attempts = 0;
    const model = createUnreadAlertsModel({
      feed: async () => {
        if (++attempts === 1) throw new Error('chunk failed');
        return f.feed;
      },
      load: async () => 0,
      retryMs: 5,
    });
    const stop = model.start();
    await until(() => f.follows === 1, 'the follow after the failed load');
    assert.equal(attempts, 2);
    f.emit({ kind: 'state', state: counted(2) });
    assert.equal(model.count.value, 2);
    stop();
  });

  it('stopping while the chunk loads follows nothing', async () => {
    const f = fakeBadgeFeed();
    let release: () => void = () => {};
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const model = createUnreadAlertsModel({
      feed: async () => {
        await loaded;
        return f.feed;
      },
      load: async () => 0,
    });
    const stop = model.start();
    stop();
    release();
    await settle();
    await settle();
    assert.equal(f.follows, 0);
    assert.equal(model.count.value, null);
  });
});
