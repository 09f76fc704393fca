// Phones first, checked: every page of the web app, for every role, in Chromium's phone emulation
// (touch, mobile viewport) at 320, 390 and 430 px wide, must fit without horizontal scroll, with
// 44 px touch targets for the shell's and the console's controls. A page that overflows fails with
// the elements that stick out. The same walk checks the navigation rules:
// each page has a title of its own and a route change moves focus to the page's main heading.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LiveKitDev } from '../tools/livekit-dev/src/server';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { axeViolations } from './kit/axe';
import {
  artifactPath,
  launchChromium,
  requestsInFlight,
  screenshot,
  signInThroughForm,
  waitInPage,
  watchCsp,
} from './kit/browser';
import { openRoom } from '../functions/test/kit/control';
import { db, HOSTING_URL, resetWorld } from '../functions/test/kit/emulators';
import { startStandIn } from '../functions/test/kit/livekit-dev';
import { readyRecording } from '../functions/test/kit/recordings';

const REC = 'rec-layout';
const WIDTHS = [320, 390, 430] as const;
/** axe runs once per page on the phone (390 px) and once at a laptop's size. */
const DESKTOP = { width: 1366, height: 850 } as const;
const MEETING = '#/meetings/meeting-cardio-101';
const WATCH = `#/watch/${REC}`;

/** A page to visit: its route, the main heading it shows, and its document title. */
interface Visit {
  readonly hash: string;
  readonly heading: string | RegExp;
  readonly title: string;
}

const section = (hash: string, label: string): Visit => ({
  hash,
  heading: label,
  title: `${label} · LectureVault`,
});
const MEETING_VISIT: Visit = {
  hash: MEETING,
  heading: 'Cardiac cycle and heart sounds',
  title: 'Cardiac cycle and heart sounds · LectureVault',
};
const WATCH_VISIT: Visit = {
  hash: WATCH,
  heading: 'Cardiac cycle and heart sounds',
  title: 'Cardiac cycle and heart sounds · LectureVault',
};

const ROLES = {
  admin: {
    email: users.admin.email,
    visits: [
      section('#/recordings', 'Recordings'),
      section('#/meetings', 'Meetings'),
      section('#/access', 'Access'),
      section('#/attendance', 'Attendance'),
      section('#/captions', 'Captions'),
      section('#/storage', 'Storage'),
      section('#/settings', 'Settings'),
      section('#/alerts', 'Alerts'),
      section('#/audit', 'Audit log'),
      section('#/trace', 'Trace a leak'),
      section('#/security', 'Security'),
      MEETING_VISIT,
    ],
  },
  teacher: {
    email: users.teacher1.email,
    visits: [
      section('#/meetings', 'Meetings'),
      section('#/recordings', 'Recordings'),
      section('#/attendance', 'Attendance'),
      section('#/captions', 'Captions'),
      MEETING_VISIT,
    ],
  },
  student: {
    email: users.student1.email,
    visits: [section('#/library', 'My library'), section('#/meetings', 'Meetings'), MEETING_VISIT, WATCH_VISIT],
  },
} as const;

/**
 * Plain JS for page.evaluate (the test runner's TypeScript transform would inject helpers): how wide
 * the document is against the viewport, and the elements that stick out past its right edge and are
 * not inside a container that scrolls or clips them. Only the innermost ones are listed (their
 * ancestors stick out because of them), at most eight.
 */
const measure = `((viewport) => {
  const limit = Math.min(window.innerWidth, viewport);
  const scrollWidth = document.scrollingElement.scrollWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > limit + 0.5;
  // A scroller clips what it contains, except an absolutely placed box whose containing block
  // (offsetParent) lies outside it: a "visually hidden" span in a scrolling row escapes the row.
  const clipped = (el) => {
    const free = getComputedStyle(el).position === 'absolute';
    let reached = !free;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (a === el.offsetParent) reached = true;
      const o = getComputedStyle(a).overflowX;
      if (reached && o !== 'visible' && !sticksOut(a)) return true;
    }
    return false;
  };
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const id = el.id ? '#' + el.id : '';
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
    return el.tagName.toLowerCase() + id + cls + (text ? ' "' + text + '"' : '') + ' → ' + Math.round(el.getBoundingClientRect().right) + ' px';
  };
  const out = [...document.body.querySelectorAll('*')].filter((el) => {
    if (!sticksOut(el) || clipped(el)) return false;
    const s = getComputedStyle(el);
    if (s.position === 'fixed' || s.display === 'none' || s.visibility === 'hidden') return false;
    return ![...el.children].some((c) => sticksOut(c) && !clipped(c));
  });
  return { scrollWidth, innerWidth: window.innerWidth, elements: out.slice(0, 8).map(describe), more: Math.max(0, out.length - 8) };
})`;
/** Controls a finger must hit: the shell's, the library's filters, the console's small buttons and
 *  filter fields. Plain JS: the visible ones under 44 px tall, described. */
const TOUCH_TARGETS =
  '.app-header a, .app-header button, .mail-pref label, .section-nav a, .library-filters input, ' +
  '.library-filters select, .button-small, .inline-form select, .filters select, .details-form input';
const smallTargets = `[...document.querySelectorAll(${JSON.stringify(TOUCH_TARGETS)})]
  .filter((el) => el.getClientRects().length && el.getBoundingClientRect().height < 43.5)
  .map((el) => el.tagName.toLowerCase() + ' "' + (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 30) + '" ' + Math.round(el.getBoundingClientRect().height) + ' px')`;

/**
 * The phone player (390×844, touch): every control a 44 px target inside the player, the time shown,
 * the seek bar most of the player's width and moved by a tap, full screen reached by a tap, the
 * keyboard legend hidden; turned on its side (844×390) the player fills the screen with its controls
 * on it. Answers what is wrong, in words.
 */
async function checkPhonePlayer(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize({ width: 390, height: 844 });
  await waitInPage(
    page,
    `(() => { const v = document.querySelector('video'); const s = document.querySelector('.seek');
    return v && s && !s.disabled && v.duration > 5; })()`,
  );
  const controls = (await page.evaluate(`(() => {
    const box = document.querySelector('.player').getBoundingClientRect();
    const seek = document.querySelector('.seek').getBoundingClientRect();
    const help = document.querySelector('.player-help');
    return {
      box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width },
      seekWidth: seek.width,
      time: [...document.querySelectorAll('.player-controls .time')].filter((t) => t.getClientRects().length).map((t) => t.textContent).join(' '),
      legendShown: !!help && help.getClientRects().length > 0,
      targets: [...document.querySelectorAll('.player-controls button, .player-controls select, .player-controls input')]
        .filter((el) => el.getClientRects().length)
        .map((el) => { const r = el.getBoundingClientRect();
          return { name: el.getAttribute('aria-label') || el.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; }),
    };
  })()`)) as {
    box: { left: number; right: number; top: number; bottom: number; width: number };
    seekWidth: number;
    time: string;
    legendShown: boolean;
    targets: {
      name: string;
      left: number;
      right: number;
      top: number;
      bottom: number;
      width: number;
      height: number;
    }[];
  };
  const { box } = controls;
  for (const t of controls.targets) {
    if (t.height < 43.5 || t.width < 43.5)
      problems.push(`"${t.name}" is ${Math.round(t.width)}×${Math.round(t.height)} px`);
    if (t.left < box.left - 0.5 || t.right > box.right + 0.5 || t.bottom > box.bottom + 0.5 || t.right > 390)
      problems.push(`"${t.name}" is not fully inside the player (${Math.round(t.left)}–${Math.round(t.right)} px)`);
  }
  if (!controls.targets.some((t) => t.name.startsWith('Full screen'))) problems.push('no full-screen button');
  if (!/\d+:\d+ \/ \d+:\d+/.test(controls.time)) problems.push(`the time shows "${controls.time}"`);
  if (controls.seekWidth < box.width * 0.5)
    problems.push(`the seek bar is ${Math.round(controls.seekWidth)} px of a ${Math.round(box.width)} px player`);
  if (controls.legendShown) problems.push('the keyboard legend shows on a touch screen');

  // A tap three quarters along the bar seeks there.
  const seek = (await page.locator('.seek').boundingBox())!;
  await page.touchscreen.tap(seek.x + seek.width * 0.75, seek.y + seek.height / 2);
  const seeked = await waitInPage(
    page,
    `(() => { const v = document.querySelector('video'); return v.currentTime > v.duration * 0.6 && v.currentTime; })()`,
    undefined,
    { timeout: 10_000 },
  ).catch(() => null);
  if (!seeked) problems.push('a tap on the seek bar did not move playback');

  // A tap on the full-screen button puts the player box (video, watermark, controls) in full screen.
  await page.getByRole('button', { name: 'Full screen (f)' }).tap();
  const full = await waitInPage(page, `document.fullscreenElement && document.fullscreenElement.className`, undefined, {
    timeout: 10_000,
  }).catch(() => null);
  if (full !== 'player') problems.push(`full screen took ${String(full)}, not the player`);
  else await page.evaluate(`document.exitFullscreen()`);
  await waitInPage(page, `!document.fullscreenElement`);

  // On its side the player is the screen's height, scrolled into view, its controls on screen.
  await page.setViewportSize({ width: 844, height: 390 });
  const landscape = await waitInPage(
    page,
    `(() => { const b = document.querySelector('.player').getBoundingClientRect();
      const c = document.querySelector('.player-controls').getBoundingClientRect();
      return Math.abs(b.top) < 1 && b.height >= innerHeight - 1 && c.bottom <= innerHeight + 0.5 && 'ok'; })()`,
    undefined,
    { timeout: 5_000 },
  ).catch(() => null);
  if (!landscape) problems.push('turned on its side, the player does not fill the screen with its controls on it');
  // LAYOUT_SHOTS: the player on its side, upright, and its controls' scrim over a white frame (the
  // video made transparent over a white box), to judge by eye.
  if (process.env.LAYOUT_SHOTS) {
    const shot = (name: string) => artifactPath(`${process.env.LAYOUT_SHOTS}-player-${name}`);
    await page.screenshot({ path: shot('landscape') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.player').screenshot({ path: shot('phone') });
    await page.evaluate(
      `document.querySelector('.player').style.background = '#fff'; document.querySelector('.player-video').style.opacity = '0'`,
    );
    await page.locator('.player').screenshot({ path: shot('white-frame') });
  }
  return problems;
}

interface Measured {
  scrollWidth: number;
  innerWidth: number;
  elements: string[];
  more: number;
}

/** What the page holds while it is still fetching: no spinner panel left and no request in flight. */
async function settle(page: Page, requests: ReturnType<typeof requestsInFlight>): Promise<void> {
  await requests.settled();
  await waitInPage(page, `!document.querySelector('.status-panel, .spinner')`, undefined, { timeout: 30_000 });
  await requests.settled();
}

describe('every page fits a phone (320–430 px) for every role, with its own title and focus', function () {
  this.timeout(600_000);
  let browser: Browser;
  let csp: ReturnType<typeof watchCsp>;
  let livekit: LiveKitDev;
  afterEach(() => csp?.assertNone());
  /** Width → page → scrollWidth, printed at the end: the figures the docs quote. */
  const figures: string[] = [];

  before(async () => {
    await resetWorld({ forensicWatermark: false });
    await readyRecording(REC);
    // Content for the tables: someone watched the lecture, and an alert waits in the inbox.
    const now = Date.now();
    await db()
      .doc(`viewing/${REC}_${users.student1.uid}`)
      .set({
        recordingId: REC,
        meetingId: 'meeting-cardio-101',
        uid: users.student1.uid,
        watchedSeconds: 42,
        completion: 0.5,
        segments: 7,
        sessions: 1,
        firstWatchedAtMs: now - 3_600_000,
        lastWatchedAtMs: now - 600_000,
        positionSeconds: 40,
      });
    await db()
      .doc('alerts/alert-layout')
      .set({
        kind: 'egress-failed',
        message: 'Recording rec-crash crashed; the segments so far are kept.',
        recordingId: 'rec-crash',
        meetingId: 'meeting-neuro-201',
        atMs: now - 600_000,
        read: false,
      });
    livekit = await startStandIn({ speed: 5, freezeMs: 120_000 });
    await openRoom('cardio-101', [users.teacher1.uid, users.student1.uid]);
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(async () => {
    console.log(`      widths (scrollWidth / viewport):\n        ${figures.join('\n        ')}`);
    await browser?.close();
    await livekit?.close();
  });

  // One signed-in phone per role, each page measured at every width (the viewport resized in
  // place): the same pages as a sign-in per width, a third of the sign-ins and page loads.
  for (const [role, { email, visits }] of Object.entries(ROLES)) {
    it(`${role} at ${WIDTHS.join(', ')} px`, async () => {
      const context: BrowserContext = await browser.newContext({
        viewport: { width: WIDTHS[0], height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const requests = requestsInFlight(page, HOSTING_URL);
      // The storage estimate is staff-only: a student's meeting page must not ask for it (a 403).
      const estimates: string[] = [];
      page.on('request', (r) => r.url().includes('/api/recording-estimate') && estimates.push(r.url()));
      const failures: string[] = [];
      const checkAt = async (name: string, width: number) => {
        await page.setViewportSize({ width, height: 844 });
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
        const m = (await page.evaluate(`${measure}(${width})`)) as Measured;
        figures.push(`${role} ${name} @${width}: ${m.scrollWidth}`);
        // LAYOUT_SHOTS=<prefix>: keep a picture of every page at 390 px, to compare by eye.
        if (process.env.LAYOUT_SHOTS && width === 390)
          await screenshot(page, `${process.env.LAYOUT_SHOTS}-${role}-${name.replace(/[^a-z0-9]+/gi, '_')}`);
        const small = (await page.evaluate(smallTargets)) as string[];
        if (small.length) failures.push(`${name} @${width}: touch targets under 44 px: ${small.join(', ')}`);
        if (m.scrollWidth > width || m.elements.length) {
          await screenshot(page, `layout-${role}-${width}-${name.replace(/[^a-z0-9]+/gi, '_')}`);
          failures.push(
            `${name}: ${m.scrollWidth} px wide in ${width} px (innerWidth ${m.innerWidth}); sticking out:\n` +
              `      ${m.elements.join('\n      ')}${m.more ? `\n      …and ${m.more} more` : ''}`,
          );
        }
      };
      // axe (WCAG 2.1 A/AA) once per page on the phone and once on a laptop-sized viewport.
      const axeAt = async (name: string, viewport: { width: number; height: number }) => {
        await page.setViewportSize(viewport);
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
        const found = await axeViolations(page);
        if (found.length) failures.push(`${name} @${viewport.width}: axe: ${found.join('\n      ')}`);
      };
      const check = async (name: string) => {
        for (const width of WIDTHS) await checkAt(name, width);
        await axeAt(name, { width: 390, height: 844 });
        await axeAt(name, DESKTOP);
      };
      try {
        await page.goto(`${HOSTING_URL}/#/`);
        await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
        await settle(page, requests);
        await check('sign-in');
        const signInTitle = await page.evaluate(`document.title`);
        if (signInTitle !== 'Sign in · LectureVault') failures.push(`the sign-in tab is titled "${signInTitle}"`);
        await signInThroughForm(page, email, DEMO_PASSWORD, '#/');
        // The skip link is the first Tab stop of a fresh load and lands on the main heading.
        await settle(page, requests);
        await page.reload();
        await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
        await page.keyboard.press('Tab');
        const first = await page.evaluate(`document.activeElement.textContent`);
        if (first !== 'Skip to main content') failures.push(`the first Tab stop is "${first}", not the skip link`);
        else {
          await page.keyboard.press('Enter');
          const landed = (await page.evaluate(`document.activeElement.tagName + ' ' + location.hash`)) as string;
          if (!/^H1 #\/?$/.test(landed)) failures.push(`the skip link led to ${landed}, not the heading`);
        }
        for (const visit of visits) {
          await page.evaluate(`location.hash = ${JSON.stringify(visit.hash)}`);
          const heading = page.getByRole('heading', { name: visit.heading, level: 1 });
          await heading.waitFor({ timeout: 30_000 });
          await page.evaluate(`document.querySelector('video') && (document.querySelector('video').muted = true)`);
          await settle(page, requests);
          // Each route names the tab after its heading and moves focus to that heading.
          const title = await page.evaluate(`document.title`);
          if (title !== visit.title) failures.push(`${visit.hash}: the tab is titled "${title}"`);
          const focused = await page.evaluate(
            `document.activeElement.tagName + (document.activeElement.closest('#main') ? ' in main' : '')`,
          );
          if (focused !== 'H1 in main') failures.push(`${visit.hash}: focus is on ${focused}, not the heading`);
          await check(visit.hash);
          if (visit === WATCH_VISIT)
            for (const problem of await checkPhonePlayer(page)) failures.push(`the phone player: ${problem}`);
        }
      } finally {
        await context.close();
      }
      if (role === 'student' && estimates.length)
        failures.push(`the student's pages asked for the staff-only estimate: ${estimates.join(', ')}`);
      assert.equal(
        failures.length,
        0,
        `pages that do not fit the phone, fail axe, or lack their title or focus:\n  ${failures.join('\n  ')}`,
      );
    });
  }
});
