// The recording widget's feed session (src/embed/feed-session.ts): its own Firebase app is signed
// in as the host page's current user and nobody else. The port is a literal fake recording what
// the session did; the real sign-in, rules and listener are in e2e/embed.spec.ts and
// functions/test/integration/feed-token.spec.ts.
import assert from 'node:assert/strict';
import type { PushedRecordingState } from '@lecturevault/contract';
import type { FeedEvent as PushedEvent, RecordingFeed } from '../src/api/pushed-feed';

type FeedEvent = PushedEvent<PushedRecordingState>;
import { createFeedSession } from '../src/embed/feed-session';

function fakeSession(firstHost: string | null, idleMs = 0) {
  const log: string[] = [];
  let host = firstHost;
  let signedIn: string | null = null;
  let refuse: { code: string } | null = null;
  const followers = new Map<string, (event: FeedEvent) => void>();
  const feed: RecordingFeed = {
    follow(meetingId, listener) {
      log.push(`follow ${meetingId} as ${signedIn}`);
      followers.set(meetingId, listener);
      return () => {
        log.push(`unfollow ${meetingId}`);
        followers.delete(meetingId);
      };
    },
  };
  const session = createFeedSession(
    {
      hostUser: async () => host,
      signedInAs: () => signedIn,
      async signIn() {
        await Promise.resolve(); // the exchange and the sign-in are network calls
        if (refuse) throw refuse;
        log.push(`sign in ${host}`);
        signedIn = host;
      },
      async signOut() {
        log.push(`sign out ${signedIn}`);
        signedIn = null;
      },
      feed,
    },
    idleMs, // 0: signed out at once when nobody follows (a minute in the widget)
  );
  return {
    session,
    log,
    followers,
    setHost: (next: string | null) => (host = next),
    refuseWith: (code: string) => (refuse = { code }),
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the recording widget’s feed session', () => {
  it('two widgets opening at once trade one token and follow as the host’s user', async () => {
    const fake = fakeSession('u-student1');
    fake.session.follow('m1', () => {});
    fake.session.follow('m2', () => {});
    await settled();
    assert.deepEqual(fake.log, ['sign in u-student1', 'follow m1 as u-student1', 'follow m2 as u-student1']);
  });

  it('another host user: the old session is signed out before the new one is made', async () => {
    const fake = fakeSession('u-student1');
    const stop = fake.session.follow('m1', () => {});
    await settled();
    fake.setHost('u-teacher1');
    const events: FeedEvent[] = [];
    fake.session.follow('m2', (event) => events.push(event));
    await settled();
    stop();
    assert.deepEqual(fake.log.slice(2), [
      'sign out u-student1',
      'sign in u-teacher1',
      'follow m2 as u-teacher1',
      'unfollow m1',
    ]);
    assert.deepEqual(events, []);
  });

  it('a host with nobody signed in: no session, and the listener ends (the model follows again later)', async () => {
    const fake = fakeSession('u-student1');
    fake.session.follow('m1', () => {});
    await settled();
    fake.setHost(null);
    const events: FeedEvent[] = [];
    fake.session.follow('m2', (event) => events.push(event));
    await settled();
    assert.deepEqual(events, [{ kind: 'ended', code: 'signed-out' }]);
    assert.equal(fake.log.at(-1), 'sign out u-student1');
    assert.equal(fake.followers.has('m2'), false);
  });

  it('a refused exchange ends the listener with the refusal’s code', async () => {
    const fake = fakeSession('u-ghost');
    fake.refuseWith('permission-denied');
    const events: FeedEvent[] = [];
    fake.session.follow('m1', (event) => events.push(event));
    await settled();
    assert.deepEqual(events, [{ kind: 'ended', code: 'permission-denied' }]);
  });

  it('a session nobody follows is signed out once idle; one stopped before its sign-in follows nothing', async () => {
    const fake = fakeSession('u-student1');
    const early = fake.session.follow('m0', () => {});
    early(); // gone before the sign-in finished
    const a = fake.session.follow('m1', () => {});
    const b = fake.session.follow('m2', () => {});
    await settled();
    a();
    await settled();
    assert.equal(fake.log.includes('sign out u-student1'), false, 'one widget still follows');
    b();
    await settled();
    assert.equal(fake.log.at(-1), 'sign out u-student1');
    assert.equal(fake.log.includes('follow m0 as u-student1'), false);
  });

  it('a listener followed again soon after it ended keeps the session (no new token per retry)', async () => {
    const fake = fakeSession('u-student1', 50);
    const first = fake.session.follow('m1', () => {});
    await settled();
    first(); // the rules ended it; the model follows again after its backoff
    const again = fake.session.follow('m1', () => {});
    await settled();
    again();
    assert.deepEqual(fake.log, [
      'sign in u-student1',
      'follow m1 as u-student1',
      'unfollow m1',
      'follow m1 as u-student1',
      'unfollow m1',
    ]);
    // Idle past the wait (one timer after another: the session's 50 ms fires before this 100 ms one).
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(fake.log.at(-1), 'sign out u-student1');
  });
});
