// ID tokens checked for revocation where the issue asks (key, downloads, admin mutations), the
// native-HLS cookie path cut the same way, the second-factor claim read from a real MFA sign-in,
// and download links bound to the ID token (the browser) that minted them.
import assert from 'node:assert/strict';
import { callApi, followDownloadLink, tokensFor } from '../kit/api';
import { auth, db, HOSTING_URL, idTokenFor, PROJECT, resetWorld } from '../kit/emulators';
import { readyRecording } from '../kit/recordings';
import { DEMO_PASSWORD, users } from '../../../scripts/seed/world';
import { verifyIdToken } from '../../src/store/auth';

const AUTH = `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Auth keeps tokensValidAfterTime in whole seconds and compares the token's auth_time with it: a
// sign-in from the same second as the revocation would survive it.
const nextSecond = () => sleep(1100);

type Reply = { error?: { code: string; message: string } };

async function keyWith(sessionId: string, { token, cookie }: { token?: string; cookie?: string }) {
  const res = await fetch(`${HOSTING_URL}/api/play/${sessionId}/key`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: res.ok ? {} : ((await res.json()) as Reply) };
}

async function openSession(token: string): Promise<{ sessionId: string; cookie: string }> {
  // Through Hosting, which keeps a Set-Cookie only on a `private` answer.
  const res = await fetch(`${HOSTING_URL}/api/recordings/rec-tokens/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(res.status, 201);
  const cookie = /(__session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  assert.ok(cookie, 'the playback cookie for native HLS');
  return { sessionId: ((await res.json()) as { sessionId: string }).sessionId, cookie };
}

const retention = (token: string, days: number) =>
  callApi<Reply>('/settings/retention', { token, method: 'PUT', body: { days } });
const retentionDays = async () => (await db().doc('settings/global').get()).get('retentionDays') as number;

describe('Token checks: revoked and disabled accounts, second factor, browser-bound download links', function () {
  this.timeout(180_000);
  let files: Buffer[];

  before(async () => {
    await resetWorld();
    files = await readyRecording('rec-tokens');
  });

  it('signed out everywhere (revokeRefreshTokens): the next key request and admin mutation get 401', async () => {
    const tokens = await tokensFor('admin', 'student1');
    const { sessionId } = await openSession(tokens.student1);
    const before = await retentionDays();
    await nextSecond();
    await auth().revokeRefreshTokens(users.student1.uid);
    await auth().revokeRefreshTokens(users.admin.uid);

    const key = await keyWith(sessionId, { token: tokens.student1 });
    assert.equal(key.status, 401);
    assert.match(key.body.error!.message, /signed out everywhere/);
    const mutation = await retention(tokens.admin, before === 60 ? 90 : 60);
    assert.equal(mutation.status, 401);
    assert.match(mutation.body.error!.message, /signed out everywhere/);
    assert.equal(await retentionDays(), before, 'the refused mutation changed nothing');
    assert.equal(
      (await callApi('/recordings/rec-tokens/download-links', { token: tokens.admin, method: 'POST' })).status,
      401,
      'no download link either',
    );
    // Reads verify the signature only in production; the emulator cannot show it: firebase-admin
    // checks revocation on every verifyIdToken when FIREBASE_AUTH_EMULATOR_HOST is set (base-auth.js).

    // Signing in again works (from the next second: the emulator refuses a sign-in of the revocation's second).
    await nextSecond();
    const fresh = await idTokenFor(users.admin.email, DEMO_PASSWORD);
    assert.equal((await retention(fresh, before === 60 ? 90 : 60)).status, 200);
    assert.notEqual(await retentionDays(), before);
  });

  it('a disabled account gets 401 “disabled”, with a token and on the cookie (native HLS) key path', async () => {
    const tokens = await tokensFor('admin', 'student2');
    const { sessionId, cookie } = await openSession(tokens.student2);
    assert.equal((await keyWith(sessionId, { cookie })).status, 200, 'the cookie alone fetches the key');
    try {
      await auth().updateUser(users.student2.uid, { disabled: true });
      await auth().updateUser(users.admin.uid, { disabled: true });
      for (const via of [{ cookie }, { token: tokens.student2 }]) {
        const key = await keyWith(sessionId, via);
        assert.equal(key.status, 401, JSON.stringify(Object.keys(via)));
        assert.equal(key.body.error!.code, 'unauthenticated');
        assert.match(key.body.error!.message, /account has been disabled/);
      }
      const before = await retentionDays();
      const mutation = await retention(tokens.admin, before === 30 ? 60 : 30);
      assert.equal(mutation.status, 401);
      assert.match(mutation.body.error!.message, /account has been disabled/);
      assert.equal(await retentionDays(), before);
    } finally {
      await auth().updateUser(users.admin.uid, { disabled: false });
    }
  });

  it('reads the second factor of a real MFA sign-in (Auth emulator, SMS) and none of a password sign-in', async () => {
    const email = 'mfa-admin@lecturevault.dev';
    await auth().createUser({
      uid: 'u-mfa-admin',
      email,
      password: DEMO_PASSWORD,
      emailVerified: true,
      multiFactor: { enrolledFactors: [{ factorId: 'phone', phoneNumber: '+15555550123' }] },
    });
    const rest = async (path: string, body: unknown) => {
      const res = await fetch(`${AUTH}/identitytoolkit.googleapis.com/${path}?key=demo-api-key`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const first = await rest('v1/accounts:signInWithPassword', {
      email,
      password: DEMO_PASSWORD,
      returnSecureToken: true,
    });
    assert.equal(first['idToken'], undefined, 'no token before the second factor');
    const pending = first['mfaPendingCredential'] as string;
    const [factor] = first['mfaInfo'] as { mfaEnrollmentId: string }[];
    const started = await rest('v2/accounts/mfaSignIn:start', {
      mfaPendingCredential: pending,
      mfaEnrollmentId: factor.mfaEnrollmentId,
      phoneSignInInfo: { recaptchaToken: 'emulator' },
    });
    const sessionInfo = (started['phoneResponseInfo'] as { sessionInfo: string }).sessionInfo;
    const codes = (await (await fetch(`${AUTH}/emulator/v1/projects/${PROJECT}/verificationCodes`)).json()) as {
      verificationCodes: { sessionInfo: string; code: string }[];
    };
    const code = codes.verificationCodes.find((c) => c.sessionInfo === sessionInfo)!.code;
    const done = await rest('v2/accounts/mfaSignIn:finalize', {
      mfaPendingCredential: pending,
      phoneVerificationInfo: { sessionInfo, code },
    });
    assert.equal((await verifyIdToken(done['idToken'] as string)).secondFactor, 'phone');
    assert.equal((await verifyIdToken(await idTokenFor(users.admin.email, DEMO_PASSWORD))).secondFactor, undefined);
  });

  it('a download link opens only with the ID token that minted it: not from another browser or account', async () => {
    const minting = await idTokenFor(users.teacher1.email, DEMO_PASSWORD);
    await nextSecond();
    // The same person signed in in another browser: another ID token.
    const otherBrowser = await idTokenFor(users.teacher1.email, DEMO_PASSWORD);
    assert.notEqual(otherBrowser, minting);
    const { admin } = await tokensFor('admin');
    const link = await callApi<{ url: string }>('/recordings/rec-tokens/download-links', {
      token: minting,
      method: 'POST',
    });
    assert.equal(link.status, 201);
    const url = `${HOSTING_URL}${link.body.url}`;

    assert.equal((await followDownloadLink(url)).status, 401, 'the bare link (no token)');
    assert.equal((await followDownloadLink(url, 'forged')).status, 401, 'a forged token');
    for (const [who, proof] of [
      ['the same account in another browser', otherBrowser],
      ['another account (an admin)', admin],
    ] as const) {
      const refused = await followDownloadLink(url, proof);
      assert.equal(refused.status, 403, who);
      assert.equal(((await refused.json()) as Reply).error!.code, 'download-link-not-yours', who);
    }
    const ticket = link.body.url.split('/').pop()!;
    assert.ok((await db().doc(`downloadTickets/${ticket}`).get()).exists, 'refusals do not use the link up');

    const res = await followDownloadLink(url, minting);
    assert.equal(res.status, 200, 'the minting browser');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(Buffer.concat(files)));
    assert.equal((await followDownloadLink(url, minting)).status, 404, 'still single use');
  });
});
