// Browser smoke test: the web app, served by the Hosting emulator, signs a seeded user in.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { HOSTING_URL, resetWorld } from '../support/emulators';
import { DEMO_PASSWORD, users } from '../../../scripts/seed/world';

describe('web app sign-in (Hosting emulator + chromium)', () => {
  let browser: Browser;
  before(async () => {
    await resetWorld();
    browser = await launchChromium();
  });
  after(() => browser?.close());

  it('serves the sign-in page with the demo accounts listed', async () => {
    const page = await browser.newPage();
    await page.goto(HOSTING_URL);
    await page.getByLabel('Email').waitFor();
    await page.getByText(users.admin.email).first().waitFor({ timeout: 10_000 }); // a lazy chunk
    assert.equal(await page.getByText(/@lecturevault\.dev$/).count(), Object.keys(users).length);
    await screenshot(page, 'sign-in');
    await page.close();
  });

  it('signs the admin in and shows the role-aware navigation', async () => {
    const page = await browser.newPage();
    await page.goto(HOSTING_URL);
    await page.getByLabel('Email').fill(users.admin.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.who-name').innerText(), users.admin.name);
    await page.getByRole('link', { name: 'Audit log' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'home-admin');
    await page.close();
  });

  it('refuses a wrong password with a readable message', async () => {
    const page = await browser.newPage();
    await page.goto(HOSTING_URL);
    await page.getByLabel('Email').fill(users.student1.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /password/i);
    await page.close();
  });
});
