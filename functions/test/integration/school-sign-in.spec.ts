// Sign-in with a school account through the Auth emulator's fake identity providers (an id_token of
// plain JSON claims for google.com and microsoft.com, as the emulator documents), in Auth's default
// one-account-per-address mode: a verified address
// in SIGN_IN_DOMAINS (lecturevault.dev here) becomes the users/ account with that address; an
// address no users/ entry has is refused and leaves no account; an unverified email or another
// domain is refused by the API's token check on every route, not by the web app.
import assert from 'node:assert/strict';
import { callApi } from '../kit/api';
import { auth, db, idTokenFor, resetWorld } from '../kit/emulators';
import { DEMO_PASSWORD, users } from '../../../scripts/seed/world';

const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}`;
const IDENTITY = `${AUTH}/identitytoolkit.googleapis.com/v1`;
type Reply = { error?: { code: string; message: string }; customToken?: string; uid?: string };

async function identityCall(method: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${IDENTITY}/${method}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, 200, JSON.stringify(reply));
  return reply;
}

/** What signInWithCredential(GoogleAuthProvider.credential(idToken)) sends: the fake IdP's claims. */
async function providerSignIn(providerId: string, claims: { sub: string; email: string; email_verified: boolean }) {
  const reply = await identityCall('accounts:signInWithIdp', {
    postBody: new URLSearchParams({ id_token: JSON.stringify(claims), providerId }).toString(),
    requestUri: 'http://127.0.0.1:5000',
    returnSecureToken: true,
  });
  return { idToken: reply['idToken'] as string, uid: reply['localId'] as string };
}

const exchange = (token: string) => callApi<Reply>('/auth/school-session', { token, method: 'POST' });
const accountExists = (uid: string) =>
  auth()
    .getUser(uid)
    .then(
      () => true,
      () => false,
    );

describe('sign-in with a school account (Google, Microsoft) through the Auth emulator', () => {
  // A users/ entry the school made with no Auth account yet: a provider sign-in is an account of
  // its own, which the exchange replaces with this one.
  const newcomer = { uid: 'u-pat', email: 'pat.lee@lecturevault.dev', name: 'Pat Lee', role: 'teacher' };
  before(async () => {
    await resetWorld();
    await db().doc(`users/${newcomer.uid}`).set({ role: newcomer.role, name: newcomer.name, email: newcomer.email });
  });

  async function signsInAs(providerIdToken: string, uid: string): Promise<void> {
    const reply = await exchange(providerIdToken);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.headers.get('cache-control'), 'no-store');
    const session = await identityCall('accounts:signInWithCustomToken', {
      token: reply.body.customToken,
      returnSecureToken: true,
    });
    const me = await callApi<Reply>('/me', { token: session['idToken'] as string });
    assert.equal(me.status, 200);
    assert.equal(me.body.uid, uid);
  }

  it('turns a verified school address into the users/ account with that address, for both providers', async () => {
    // Google, for an address whose (verified) password account exists: Auth links them, one uid.
    const google = await providerSignIn('google.com', {
      sub: 'idp-student1',
      email: users.student1.email,
      email_verified: true,
    });
    await signsInAs(google.idToken, users.student1.uid);
    // Microsoft, for the entry without an Auth account: matched by email, its own account removed.
    const microsoft = await providerSignIn('microsoft.com', {
      sub: 'idp-pat',
      email: newcomer.email,
      email_verified: true,
    });
    assert.notEqual(microsoft.uid, newcomer.uid);
    await signsInAs(microsoft.idToken, newcomer.uid);
    assert.equal(await accountExists(microsoft.uid), false, 'the provider’s own account is gone');
  });

  it('refuses a verified address no users/ entry has ("not registered") and leaves no account behind', async () => {
    const stranger = await providerSignIn('google.com', {
      sub: 'idp-stranger',
      email: 'newcomer@lecturevault.dev',
      email_verified: true,
    });
    const reply = await exchange(stranger.idToken);
    assert.equal(reply.status, 403);
    assert.equal(reply.body.error?.code, 'not-registered');
    assert.match(reply.body.error!.message, /not registered/);
    assert.equal(await accountExists(stranger.uid), false);
    assert.equal((await auth().getUsers([{ email: 'newcomer@lecturevault.dev' }])).users.length, 0);
  });

  it('refuses an unverified email and a domain outside SIGN_IN_DOMAINS on the API itself', async () => {
    const unverified = await providerSignIn('google.com', {
      sub: 'idp-unverified',
      email: 'unverified@lecturevault.dev',
      email_verified: false,
    });
    const outsider = await providerSignIn('microsoft.com', {
      sub: 'idp-outsider',
      email: 'student2@elsewhere.example',
      email_verified: true,
    });
    for (const [token, why] of [
      [unverified.idToken, /not verified/],
      [outsider.idToken, /this school’s accounts/],
    ] as const) {
      for (const reply of [await exchange(token), await callApi<Reply>('/me', { token })]) {
        assert.equal(reply.status, 403);
        assert.equal(reply.body.error?.code, 'school-account-refused');
        assert.match(reply.body.error!.message, why);
      }
    }
  });

  it('exchanges only provider sign-ins: a password sign-in has its session already (400)', async () => {
    const reply = await exchange(await idTokenFor(users.student3.email, DEMO_PASSWORD));
    assert.equal(reply.status, 400);
  });
});
