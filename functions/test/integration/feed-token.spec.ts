// POST /api/embed/feed-token, the recording widget's ticket to follow recordingStates/ itself: the
// caller's ID token in, a custom token out, through the real functions, Auth and Firestore
// emulators. The token signs a client-SDK app in as the caller and nobody else; the rules still
// decide what that session reads; the session opens nothing of the API; the route is gated like
// every other and rate limited.
import assert from 'node:assert/strict';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectAuthEmulator,
  getIdToken,
  inMemoryPersistence,
  initializeAuth,
  signInWithCustomToken,
  type Auth,
} from 'firebase/auth';
import { connectFirestoreEmulator, doc, getDoc, getFirestore, setLogLevel, type Firestore } from 'firebase/firestore';
import { CONSENT_TEXT_VERSION } from '@lecturevault/contract';
import { callApi, tokensFor } from '../kit/api';
import { auth, db, idTokenFor, PROJECT, resetWorld } from '../kit/emulators';
import { users } from '../../../scripts/seed/world';
import { NOT_ENROLLED_MESSAGE } from '../../src/errors';
import { FEED_TOKEN_LIMIT } from '../../src/services/recording/feed-token';

setLogLevel('silent');

const CARDIO = 'meeting-cardio-101';
const NEURO = 'meeting-neuro-201';

type FeedTokenReply = { customToken?: string; error?: { code: string; message: string } };
const feedToken = (token?: string) => callApi<FeedTokenReply>('/embed/feed-token', { token, method: 'POST' });

/** A client-SDK app signed in with a custom token, as the widget's own app is. */
async function clientSignedIn(
  customToken: string,
  name: string,
): Promise<{ app: FirebaseApp; auth: Auth; db: Firestore }> {
  const app = initializeApp({ projectId: PROJECT, apiKey: 'demo-api-key' }, name);
  const clientAuth = initializeAuth(app, { persistence: inMemoryPersistence });
  connectAuthEmulator(clientAuth, `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}`, { disableWarnings: true });
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':') as [string, string];
  const firestore = getFirestore(app);
  connectFirestoreEmulator(firestore, host, Number(port));
  await signInWithCustomToken(clientAuth, customToken);
  return { app, auth: clientAuth, db: firestore };
}

function pushState(meetingId: string) {
  return db()
    .doc(`recordingStates/${meetingId}`)
    .set({
      meetingId,
      recordingId: `rec-${meetingId}`,
      status: 'recording',
      createdAtMs: 1_000,
      startedAtMs: 2_000,
      startedByName: 'Ada Admin',
      consentTextVersion: CONSENT_TEXT_VERSION,
      updatedAtMs: 2_000,
    });
}

describe('POST /api/embed/feed-token: the recording widget’s own session', function () {
  this.timeout(120_000);
  const apps: FirebaseApp[] = [];

  before(async () => {
    await resetWorld();
    await Promise.all([pushState(CARDIO), pushState(NEURO)]);
  });
  after(() => Promise.all(apps.map((app) => deleteApp(app))));

  it('without a token: 401, and no token', async () => {
    const reply = await feedToken();
    assert.equal(reply.status, 401);
    assert.equal(reply.body.customToken, undefined);
    assert.equal((await feedToken('not-a-token')).status, 401);
  });

  it('an account with no users/ profile: 403 "not enrolled", like every route', async () => {
    await auth().createUser({ uid: 'u-feed-ghost', email: 'feed-ghost@example.org', password: 'ghost-password-1' });
    const reply = await feedToken(await idTokenFor('feed-ghost@example.org', 'ghost-password-1'));
    assert.equal(reply.status, 403);
    assert.deepEqual(reply.body, { error: { code: 'permission-denied', message: NOT_ENROLLED_MESSAGE } });
  });

  it('a student’s token signs in as that student; the rules give them their batch’s meeting and refuse another’s', async () => {
    const { student1 } = await tokensFor('student1');
    const reply = await feedToken(student1);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('cache-control'), 'no-store');
    const session = await clientSignedIn(reply.body.customToken!, 'feed-student1');
    apps.push(session.app);
    assert.equal(session.auth.currentUser?.uid, users.student1.uid, 'signed in as the caller');

    const own = await getDoc(doc(session.db, 'recordingStates', CARDIO));
    assert.equal(own.get('status'), 'recording');
    await assert.rejects(getDoc(doc(session.db, 'recordingStates', NEURO)), { code: 'permission-denied' });
    await assert.rejects(getDoc(doc(session.db, 'meetings', CARDIO)), { code: 'permission-denied' }, 'nothing else');
  });

  it('the session’s own ID token opens nothing of the API (a leaked ID token cannot become a lasting session)', async () => {
    const { student1 } = await tokensFor('student1');
    const session = await clientSignedIn((await feedToken(student1)).body.customToken!, 'feed-replay');
    apps.push(session.app);
    const sessionToken = await getIdToken(session.auth.currentUser!);
    assert.equal((await callApi(`/meetings/${CARDIO}/recording`, { token: sessionToken })).status, 401);
    assert.equal((await feedToken(sessionToken)).status, 401, 'nor trades itself for another');
  });

  it(`at most ${FEED_TOKEN_LIMIT.perWindow} a minute per user: then 429 with Retry-After`, async () => {
    const { student2 } = await tokensFor('student2');
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof feedToken>> | undefined;
    // Sent one after the other; a window that turns over mid-way resets the count, so look until refused.
    for (let i = 0; i < 2 * FEED_TOKEN_LIMIT.perWindow + 1 && !refused; i++) {
      const reply = await feedToken(student2);
      statuses.push(reply.status);
      if (reply.status === 429) refused = reply;
    }
    assert.ok(refused, `refused within two windows' worth: ${statuses.join(' ')}`);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(refused.body.customToken, undefined);
    assert.ok(statuses.filter((s) => s === 200).length >= FEED_TOKEN_LIMIT.perWindow);
  });
});
