// The browser matrix: one small tab interface over the five engines the product supports, so one
// spec drives them all the same way. Chromium desktop and Android emulation through playwright-core,
// Firefox ESR through puppeteer-core (WebDriver BiDi), WebKit through WebKitGTK's WebDriver under
// Xvfb (webdriverio, WebDriver classic), once with MSE (hls.js) and once with MSE hidden so the
// player takes native HLS with the cookie, as an iPhone without MSE does. Each engine starts once per
// suite; its driver and display are killed on close and when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { devices, type Browser as PwBrowser, type Page as PwPage } from 'playwright-core';
import type { Browser as PpBrowser, Page as PpPage } from 'puppeteer-core';
import { artifactPath, launchChromium } from './browser';
import { HOSTING_URL } from '../../functions/test/kit/emulators';
import { startHttpsProxy, type HttpsProxy } from './https-proxy';

export type EngineName = 'chromium' | 'android' | 'firefox' | 'webkit-hlsjs' | 'webkit-native' | 'wpe';

/** One tab. Scripts are plain JavaScript expressions (the test's TypeScript transform would add helpers). */
export interface Tab {
  goto(url: string): Promise<void>;
  js<T>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy. */
  waitFor(expression: string, timeoutMs?: number, what?: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  /** A trusted click (a tap on the Android column). */
  click(selector: string): Promise<void>;
  /** A trusted key press on the focused element: ' ', 'k', 'ArrowLeft'… */
  press(key: string): Promise<void>;
  /** Sends the page to the background for real where the engine can (document.hidden). */
  hide(): Promise<void>;
  show(): Promise<void>;
  screenshot(name: string): Promise<void>;
  /** Console lines, for a failure report (empty where the driver cannot read them). */
  console(): string[];
}

export interface Engine {
  readonly name: EngineName;
  /** Where the web app is served for this engine (WebKit's cookie path needs HTTPS). */
  readonly origin: string;
  readonly tab: Tab;
  /** Milliseconds from launch to a usable tab. */
  readonly startupMs: number;
  close(): Promise<void>;
}

const children = new Set<ChildProcess>();
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  children.delete(child);
}
// A WebKitWebDriver left behind keeps its port and its display: never let one outlive the tests.
// Installed with the first child, so that importing the kit changes nothing in the process.
let exitHook = false;

function spawnGroup(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => [...children].forEach(killGroup));
  }
  const child = spawn(cmd, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** A virtual display on a free number (Xvfb picks it and says which once it accepts clients). */
async function startXvfb(): Promise<{ xvfb: ChildProcess; display: string }> {
  const xvfb = spawnGroup('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp']);
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    setTimeout(() => reject(new Error('Xvfb did not start')), 10_000);
  });
  return { xvfb, display };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function poll(check: () => Promise<unknown>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ------------------------------------------------------------------ playwright (Chromium, Android)

/**
 * Polls `expression` until it is truthy. Not the drivers' own waitForFunction: with a string it
 * evals in the page on every poll, which our CSP (`script-src 'self'`, no eval) refuses, while a
 * page.evaluate goes through the DevTools protocol and is exempt.
 */
async function pollUntil(
  evaluate: (expression: string) => Promise<unknown>,
  expression: string,
  timeoutMs = 30_000,
  what = expression,
) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await evaluate(expression)) return;
    } catch (error) {
      last = error; // a navigation in progress: try again
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: last });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Chromium page behind a tab, for what only CDP can do (zoom emulation). */
export const playwrightPages = new WeakMap<Tab, PwPage>();

function playwrightTab(page: PwPage, mobile: boolean): Tab {
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  return {
    goto: async (url) => void (await page.goto(url)),
    js: (expression) => page.evaluate(expression),
    waitFor: (expression, timeoutMs, what) => pollUntil((e) => page.evaluate(e), expression, timeoutMs, what),
    fill: (selector, text) => page.locator(selector).fill(text),
    click: (selector) => (mobile ? page.locator(selector).tap() : page.locator(selector).click()),
    press: (key) => page.keyboard.press(key === ' ' ? 'Space' : key),
    // Headless Chromium keeps every page visible; the page-side view of a hidden tab is all it offers.
    hide: () =>
      page.evaluate(
        `Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); Object.defineProperty(document, 'hidden', { value: true, configurable: true }); document.dispatchEvent(new Event('visibilitychange'))`,
      ),
    show: () =>
      page.evaluate(
        `Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }); Object.defineProperty(document, 'hidden', { value: false, configurable: true }); document.dispatchEvent(new Event('visibilitychange'))`,
      ),
    screenshot: async (name) => void (await page.screenshot({ path: artifactPath(name) })),
    console: () => lines,
  };
}

async function launchPlaywright(name: 'chromium' | 'android'): Promise<Engine> {
  const started = Date.now();
  const browser: PwBrowser = await launchChromium(['--window-size=1280,800']);
  // Desktop: the real window (no viewport override), so outer and inner sizes relate as in a browser.
  const context = await browser.newContext(name === 'android' ? { ...devices['Pixel 7'] } : { viewport: null });
  const page = await context.newPage();
  const tab = playwrightTab(page, name === 'android');
  playwrightPages.set(tab, page);
  return {
    name,
    origin: HOSTING_URL,
    tab,
    startupMs: Date.now() - started,
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ puppeteer (Firefox ESR)

async function launchFirefox(): Promise<Engine> {
  const started = Date.now();
  const { default: puppeteer } = await import('puppeteer-core');
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    // A real window size and no viewport emulation: emulation shrinks the viewport against the
    // window, which is exactly what docked DevTools look like to the player.
    defaultViewport: null,
    args: ['--width=1280', '--height=800'],
    extraPrefsFirefox: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
  });
  const page: PpPage = (await browser.pages())[0] ?? (await browser.newPage());
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  let other: PpPage | null = null;
  const tab: Tab = {
    goto: async (url) => void (await page.goto(url)),
    js: (expression) => page.evaluate(expression) as Promise<never>,
    waitFor: (expression, timeoutMs, what) => pollUntil((e) => page.evaluate(e), expression, timeoutMs, what),
    fill: async (selector, text) => {
      await page.locator(selector).fill(text);
    },
    click: async (selector) => {
      await page.locator(selector).click();
    },
    press: (key) => page.keyboard.press(key as never),
    // A second tab in front makes this one hidden, as in a desktop browser.
    hide: async () => {
      other = await browser.newPage();
      await other.bringToFront();
    },
    show: async () => {
      await other?.close();
      other = null;
      await page.bringToFront();
    },
    screenshot: async (name) => void (await page.screenshot({ path: artifactPath(name) })),
    console: () => lines,
  };
  return { name: 'firefox', origin: HOSTING_URL, tab, startupMs: Date.now() - started, close: () => browser.close() };
}

// ------------------------------------------------------------------ webdriverio (WebKitGTK, WPE)

/**
 * MSE hidden before the app's scripts run, as an iPhone without MSE looks to the player. Served by
 * the HTTPS proxy from the page's own origin (a same-origin script, so a strict CSP still allows it).
 */
const NO_MSE = `delete window.MediaSource; delete window.ManagedMediaSource; delete window.WebKitMediaSource;`;

/** WebDriver's code points for the named keys the tests press. */
const WEBDRIVER_KEYS: Record<string, string> = { ArrowLeft: '\uE012', ArrowRight: '\uE014', Escape: '\uE00C' };

type WebKitName = 'webkit-hlsjs' | 'webkit-native' | 'wpe';

/**
 * WebKitGTK 2.50 (security updates, and the ManagedMediaSource that iOS 17.1+ gives hls.js) needs a
 * display. WPE 2.38 is headless and older: plain MediaSource, as macOS Safari before 17, and the
 * engine in which the first-play stall shows most (docs/browser-engines.md).
 */
function webKitPort(name: WebKitName) {
  if (name === 'wpe')
    return {
      driver: 'WPEWebDriver',
      display: false,
      options: { 'wpe:browserOptions': { binary: '/usr/bin/cog', args: ['--automation', '--platform=headless'] } },
    };
  return {
    driver: 'WebKitWebDriver',
    display: true,
    options: {
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation', '--autoplay-policy=allow'],
      },
    },
  };
}

async function launchWebKit(name: WebKitName): Promise<Engine> {
  const started = Date.now();
  const native = name === 'webkit-native';
  const { remote } = await import('webdriverio');
  const webkit = webKitPort(name);
  const screen = webkit.display ? await startXvfb() : undefined;
  const port = await freePort();
  const driver = spawnGroup(webkit.driver, [`--port=${port}`], {
    ...(screen ? { DISPLAY: screen.display } : {}),
    GST_PLUGIN_FEATURE_RANK: 'fakeaudiosink:MAX', // no sound card: without it GStreamer fails on ALSA
    ...(native ? { WEBKIT_GST_ENABLE_HLS_SUPPORT: '1' } : {}),
  });
  const stop = () => {
    killGroup(driver);
    if (screen) killGroup(screen.xvfb);
  };
  let proxy: HttpsProxy | undefined;
  try {
    // WebKit drops Secure cookies on plain http://127.0.0.1: the cookie path runs behind HTTPS.
    if (native)
      proxy = await startHttpsProxy(HOSTING_URL, {
        scripts: { '/__test/no-mse.js': NO_MSE },
        service: {
          origin: `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099'}`,
          prefixes: ['/identitytoolkit.googleapis.com/', '/securetoken.googleapis.com/', '/emulator/'],
        },
      });
    await poll(() => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok), 15_000, `${webkit.driver} to listen`);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      connectionRetryCount: 0,
      capabilities: {
        'wdio:enforceWebDriverClassic': true,
        acceptInsecureCerts: true,
        ...webkit.options,
      } as WebdriverIO.Capabilities,
    });
    await browser.setWindowSize(1280, 800);
    const js = <T>(expression: string) => browser.execute(`return (${expression});`) as Promise<T>;
    const tab: Tab = {
      goto: async (url) => void (await browser.url(url)),
      js,
      waitFor: (expression, timeoutMs = 30_000, what = expression) => poll(() => js(expression), timeoutMs, what),
      fill: async (selector, text) => {
        const field = browser.$(selector);
        await field.waitForDisplayed({ timeout: 30_000 });
        await field.setValue(text);
      },
      click: async (selector) => {
        const target = browser.$(selector);
        await target.waitForClickable({ timeout: 30_000 });
        await target.click();
      },
      press: (key) => browser.keys(WEBDRIVER_KEYS[key] ?? key),
      // Minimising the window makes WebKit's page hidden; restoring it makes it visible again.
      hide: async () => void (await browser.minimizeWindow()),
      show: async () => {
        await browser.setWindowRect(0, 0, 1280, 800);
      },
      screenshot: async (shot) => writeFileSync(artifactPath(shot), await browser.takeScreenshot(), 'base64'),
      console: () => [],
    };
    return {
      name,
      origin: proxy?.origin ?? HOSTING_URL,
      tab,
      startupMs: Date.now() - started,
      close: async () => {
        await browser.deleteSession().catch(() => undefined);
        await proxy?.close();
        stop();
      },
    };
  } catch (error) {
    await proxy?.close();
    stop();
    throw error;
  }
}

export async function launchEngine(name: EngineName): Promise<Engine> {
  if (name === 'chromium' || name === 'android') return launchPlaywright(name);
  if (name === 'firefox') return launchFirefox();
  return launchWebKit(name);
}
