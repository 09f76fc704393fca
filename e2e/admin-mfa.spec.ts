// An admin enrolled in multi-factor auth signs in through the web app's second step, in chromium,
// against the Auth emulator, and manages their factors in Security. The emulator (firebase-tools
// 14.27) implements MFA for SMS only (mfaEnrollment and mfaSignIn assert phone info; TOTP gets
// "INVALID_ARGUMENT"), so the resolver flow runs here with an SMS factor (which only emulator
// builds offer); TOTP's own steps are unit-tested (hosting/test/app/second-factor.spec.ts,
// features/security) and need a real project (docs/admin-mfa.md).
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, watchCsp } from './kit/browser';
import { auth, db, HOSTING_URL, PROJECT, resetWorld } from '../functions/test/kit/emulators';
import { DEMO_PASSWORD } from '../scripts/seed/world';

const AUTH_EMULATOR = 'http://127.0.0.1:9099';
const mfaAdmin = { uid: 'u-mfa-admin', email: 'mfa-admin@lecturevault.dev', name: 'Grace Hopper' };
const PHONE = '+15555550123';

/** The newest code the Auth emulator "sent" by text message (it lists them instead of sending). */
async function lastSmsCode(): Promise<string> {
  const response = await fetch(`${AUTH_EMULATOR}/emulator/v1/projects/${PROJECT}/verificationCodes`);
  const { verificationCodes } = (await response.json()) as {
    verificationCodes: { code: string; phoneNumber: string }[];
  };
  const mine = verificationCodes.filter((entry) => entry.phoneNumber === PHONE);
  assert.ok(mine.length > 0, 'a code was sent');
  return mine.at(-1)!.code;
}

/** The signed-in user's ID token claims, read from the SDK's own storage in the page. */
async function idTokenClaims(page: Page): Promise<Record<string, unknown>> {
  // A string, like the other specs' page code: this project's e2e types have no DOM.
  const token = (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('firebaseLocalStorageDb');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('firebaseLocalStorage').objectStore('firebaseLocalStorage').getAll();
      read.onsuccess = () => resolve(read.result.find((row) => row.value.stsTokenManager).value.stsTokenManager.accessToken);
    };
  })`)) as string;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('admin second factor (Auth emulator + chromium)', () => {
  let browser: Browser;
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());
  before(async () => {
    await resetWorld();
    await auth().createUser({
      uid: mfaAdmin.uid,
      email: mfaAdmin.email,
      password: DEMO_PASSWORD,
      emailVerified: true,
      multiFactor: { enrolledFactors: [{ factorId: 'phone', phoneNumber: PHONE, displayName: 'Work phone' }] },
    });
    await db().doc(`users/${mfaAdmin.uid}`).set({ role: 'admin', name: mfaAdmin.name, email: mfaAdmin.email });
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(() => browser?.close());

  it('asks an enrolled admin for the second factor, explains a wrong code, and signs in with the right one (390 px, keyboard)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(HOSTING_URL);
    await page.getByLabel('Email').fill(mfaAdmin.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByLabel('Password').press('Enter');

    // The password alone no longer signs in: the second step replaces the form.
    await page.getByRole('heading', { name: /^Second step/ }).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByLabel('Password').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    await page.getByRole('button', { name: 'Send code' }).waitFor();
    // Focus was on the password form's button, which is gone: the step takes it, so Enter sends.
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Send code');
    await page.keyboard.press('Enter');

    const code = page.getByLabel('6-digit code');
    await code.waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'second-factor-code', 'focus moves to the field');
    const right = await lastSmsCode();
    const wrong = right === '000000' ? '111111' : '000000';
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /^That code is not right\./);
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    assert.match((await code.getAttribute('aria-describedby')) ?? '', /second-factor-error/);
    await page.waitForFunction(`document.activeElement?.id === 'second-factor-code'`);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `fits the phone: ${width}px`);
    await screenshot(page, 'mfa-sign-in-wrong-code-390');

    await code.fill(right.replace(/(\d{3})/, '$1 ')); // as some apps show it: "123 456"
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    const claims = await idTokenClaims(page);
    assert.equal((claims['firebase'] as { sign_in_second_factor?: string }).sign_in_second_factor, 'phone');
    await context.close();
  });

  it('"Use another account" leaves the second step for the password form', async () => {
    const page = await browser.newPage();
    await page.goto(HOSTING_URL);
    await page.getByLabel('Email').fill(mfaAdmin.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Second step/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'mfa-sign-in-desktop');
    await page.getByRole('button', { name: 'Use another account' }).click();
    await page.getByLabel('Password').waitFor();
    await page.waitForFunction(`document.activeElement?.id === 'signin-password'`);
    assert.equal(await page.getByLabel('Email').inputValue(), mfaAdmin.email, 'the email is kept');
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is asked again');
    await page.close();
  });

  it('Security lists the factor, explains that the emulator cannot add an authenticator app, and removes the factor', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${HOSTING_URL}/#/security`);
    await page.getByLabel('Email').fill(mfaAdmin.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Send code' }).click({ timeout: 20_000 });
    await page.getByLabel('6-digit code').waitFor(); // shown once the code is sent
    await page.getByLabel('6-digit code').fill(await lastSmsCode());
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: 'Second factors' }).waitFor({ timeout: 20_000 });
    await page.getByText('Work phone (text message)').waitFor();

    // What a real project answers with a TOTP secret, the emulator refuses: the refusal is shown.
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor({ timeout: 10_000 });
    // It names Firebase's code, which is what an admin can look up (the emulator's TOTP refusal has none of our words).
    const refusalText = await refusal.innerText();
    assert.match(refusalText, /\(auth\/[a-z-]+\)/, refusalText);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `the console fits the phone (the section nav scrolls instead): ${width}px`);
    await screenshot(page, 'mfa-security-390');

    await page.getByRole('button', { name: 'Remove Work phone (text message)' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('No second factor yet.').waitFor({ timeout: 10_000 });
    await page.getByText('Second factor removed.').waitFor();
    const record = await auth().getUser(mfaAdmin.uid);
    assert.equal(record.multiFactor?.enrolledFactors.length ?? 0, 0, 'removed in Auth, not only on screen');
    await context.close();
  });
});
