// Debian chromium driven by playwright-core (Playwright's own browser download cannot work here).
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/** Debian's chromium, quiet and autoplaying; `extraArgs` for a suite's own needs (a window size). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Where a screenshot named `name` goes (test-artifacts/, created on first use). */
export function artifactPath(name: string): `${string}.png` {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, `${name}.png`) as `${string}.png`;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = artifactPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the web app's form, as a person would, and waits for the signed-in header. */
export async function signInThroughForm(page: Page, email: string, password: string, hash = '#/'): Promise<void> {
  await page.goto(`http://127.0.0.1:5000/${hash}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
}

/**
 * Collects every Content-Security-Policy violation in the pages of `browser` (any engine): the
 * `securitypolicyviolation` events of each document, through an init script, and console errors
 * that name the policy (what the engine reports for workers and blocked loads). Wraps newContext,
 * which newPage also goes through. Call `assertNone()` after each test: it fails with the list.
 */
export function watchCsp(browser: Browser): { violations: string[]; assertNone(): void } {
  const violations: string[] = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.exposeBinding('__lvCspViolation', (_source, text: string) => void violations.push(text));
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        window.__lvCspViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));`,
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /content[ -]security[ -]policy/i.test(message.text()))
        violations.push(message.text());
    });
    return context;
  };
  return {
    violations,
    assertNone() {
      const seen = violations.splice(0);
      if (seen.length) throw new Error(`Content-Security-Policy violations:\n  ${seen.join('\n  ')}`);
    },
  };
}

/**
 * page.waitForFunction for pages under our CSP: Playwright re-evaluates a string predicate with
 * eval on every poll, which `script-src 'self'` refuses, while one page.evaluate (a DevTools call)
 * is exempt. Polls `expression` with page.evaluate until it is truthy; same arguments.
 */
export async function waitInPage(
  page: Page,
  expression: string,
  _arg?: undefined,
  { timeout = 30_000 }: { timeout?: number } = {},
): Promise<unknown> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timeout ${timeout}ms exceeded waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Where focus is at the moment the element `id` first appears (a DOM mutation, so before any
 * frame is painted): a page that moves focus after paint shows the element with focus elsewhere.
 * Call it before the action that shows the element; await it after.
 */
export function focusWhenShown(page: Page, id: string): Promise<string | null> {
  return page.evaluate(`new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.getElementById(${JSON.stringify(id)})) return;
      observer.disconnect();
      resolve(document.activeElement?.id ?? null);
    });
    observer.observe(document, { subtree: true, childList: true });
  })`) as Promise<string | null>;
}

/**
 * Mutes the player's video once the page has one: the harness, not the viewer (this machine's
 * browsers play no sound, and an unmuted start may never get going). A page just opened on a
 * watch link may not have rendered its player yet.
 */
export async function muteVideo(page: Page): Promise<void> {
  await waitInPage(page, `!!document.querySelector('video')`, undefined, { timeout: 30_000 });
  await page.evaluate(`document.querySelector('video').muted = true`);
}

/**
 * A page's requests to one origin that have not finished, so a test can reload only once they
 * have. A reload that aborted a response mid-transfer (a 425 KB chunk from the Hosting emulator on a
 * loaded machine) left the next request for the same asset pending for 30 s, longer than any wait
 * of ours; a person would press reload again, a test would fail.
 */
export function requestsInFlight(page: Page, origin: string): { settled(timeoutMs?: number): Promise<void> } {
  const pending = new Set<Request>();
  page.on('request', (r) => r.url().startsWith(origin) && pending.add(r));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  return {
    async settled(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 500) {
        if (pending.size) quietSince = Date.now();
        if (Date.now() > deadline) {
          const urls = [...pending].map((r) => r.url());
          throw new Error(`requests still in flight after ${timeoutMs} ms: ${urls.join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
