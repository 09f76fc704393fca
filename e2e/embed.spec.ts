// The widgets on a page of another origin, in Chromium: a plain HTML host (not our app, its own
// strict CSP and a hostile stylesheet; kit/platform-host.ts) embeds /embed/lecturevault.js. An
// admin starts and stops a recording from it; a student sees the consent banner and the indicator
// but no controls, pushed to its widget's own Firebase session rather than polled; the player plays
// with its watermark and shows the recording's captions; neither page's CSS reaches the other; a
// host with nobody signed in gets "sign in on the platform"; an origin nobody allowed gets nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LiveKitDev } from '../tools/livekit-dev/src/server';
import { users } from '../scripts/seed/world';
import { launchChromium, screenshot, waitInPage, watchCsp } from './kit/browser';
import { callApi, tokensFor } from '../functions/test/kit/api';
import { openRoom } from '../functions/test/kit/control';
import { db, eventually, HOSTING_URL, resetWorld } from '../functions/test/kit/emulators';
import { startStandIn } from '../functions/test/kit/livekit-dev';
import { PLATFORM_PORT, startPlatformHost, STRANGER_PORT, type PlatformHost } from './kit/platform-host';
import { readyRecording, storedSegments } from '../functions/test/kit/recordings';

const MEETING = 'meeting-cardio-101';
const REC = 'rec-embed';
const EMBED_CAPTION = 'Captions in the embedded player.';

/** Plain JS for page.evaluate: the player's video is inside the widget's shadow root. */
const VIDEO = `document.querySelector('lecturevault-player').shadowRoot.querySelector('video')`;
const videoTime = `(() => { const v = ${VIDEO}; return v ? v.currentTime : -1; })()`;

/** A computed style inside a widget's shadow root (selector) or on the host page (no widget). */
function styleOf(page: Page, selector: string, property: string, widget?: string): Promise<string> {
  const root = widget ? `document.querySelector('${widget}').shadowRoot` : 'document';
  return page.evaluate(
    `getComputedStyle(${root}.querySelector(${JSON.stringify(selector)})).getPropertyValue('${property}')`,
  ) as Promise<string>;
}

describe('the widgets on a page of another origin, in Chromium', function () {
  this.timeout(240_000);
  let browser: Browser;
  // Any Content-Security-Policy violation (the host's strict one included) fails the test it happened in.
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());
  let livekit: LiveKitDev;
  let platform: PlatformHost;
  let stranger: PlatformHost;

  /** Every request a page made, as "METHOD url", from before it loaded. */
  const requestLog = new WeakMap<Page, string[]>();
  const open = async (query: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
    const log: string[] = [];
    page.on('request', (request) => log.push(`${request.method()} ${request.url()}`));
    requestLog.set(page, log);
    await page.goto(`${platform.origin}/?${query}`);
    return page;
  };
  /** The page's requests for the meeting's recording state (GET /api/meetings/:id/recording). */
  const statePolls = (page: Page) =>
    requestLog.get(page)!.filter((line) => /^GET \S+\/api\/meetings\/[^/]+\/recording$/.test(line));
  const feedTokens = (page: Page) =>
    requestLog.get(page)!.filter((line) => /^POST \S+\/api\/embed\/feed-token$/.test(line));

  before(async () => {
    await resetWorld({ forensicWatermark: false }); // not the subject here: see resetWorld
    await readyRecording(REC);
    const { teacher1 } = await tokensFor('teacher1');
    const captions = await callApi(`/recordings/${REC}/captions`, {
      token: teacher1,
      method: 'POST',
      body: { lang: 'en', text: `WEBVTT\n\n00:00:00.000 --> 00:01:00.000\n${EMBED_CAPTION}\n` },
    });
    assert.equal(captions.status, 201, JSON.stringify(captions.body));
    livekit = await startStandIn({ speed: 5, freezeMs: 120_000 });
    await openRoom('cardio-101', [users.teacher1.uid, users.student1.uid]);
    platform = await startPlatformHost(PLATFORM_PORT);
    stranger = await startPlatformHost(STRANGER_PORT);
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await stranger?.close();
    await livekit?.close();
  });

  it('a host with nobody signed in gets "sign in on the platform" in both widgets, and loads no player', async () => {
    const page = await open(`meeting=${MEETING}&recording=${REC}`);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const recording = page.locator('lecturevault-recording').getByRole('status');
    await recording.filter({ hasText: 'Sign in on the platform' }).waitFor({ timeout: 20_000 });
    assert.match(await recording.innerText(), /recording status/);
    await page.locator('lecturevault-player').getByText('Sign in on the platform').waitFor();
    assert.equal(await page.getByRole('button', { name: /Start recording/ }).count(), 0);
    await page.waitForTimeout(1000);
    assert.deepEqual(
      requests.filter((url) => /\/api\/|PlayerWidget|hls/.test(url)),
      [],
      'no API call and no player chunk without a token',
    );
    await screenshot(page, 'embed-signed-out');
    await page.context().close();
  });

  it('the admin starts recording from the platform page; a student there, following the pushed state, sees banner and indicator, no controls', async () => {
    const admin = await open(`user=admin&meeting=${MEETING}`);
    await admin.getByText(/of storage; .* free\./).waitFor({ timeout: 30_000 });
    // The student is in the room before the start: their widget asks our API once, then follows
    // recordingStates/ through its own Firebase session; it never polls, so the banner can only
    // reach it pushed.
    const student = await open(`user=student1&meeting=${MEETING}`, { width: 390, height: 844 });
    await student.locator('lecturevault-recording .lv-recording').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await student.getByText('Recording in progress').count(), 0);
    await admin.getByRole('button', { name: 'Start recording' }).click();
    await admin.getByRole('alertdialog', { name: 'This meeting is being recorded' }).waitFor({ timeout: 30_000 });
    const indicator = admin.getByRole('status').filter({ hasText: 'Recording in progress' });
    await indicator.waitFor({ timeout: 30_000 });
    const first = await admin.getByLabel('Recording time').innerText();
    // The timer moves: its text changes (it ticks every second), waited for rather than a guessed pause.
    await admin.getByLabel('Recording time').filter({ hasNotText: first }).waitFor({ timeout: 10_000 });
    assert.notEqual(await admin.getByLabel('Recording time').innerText(), first, 'the timer moves');
    await admin.getByRole('button', { name: 'Continue' }).click();
    await screenshot(admin, 'embed-admin-recording');

    const banner = student.getByRole('alertdialog', { name: 'This meeting is being recorded' });
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.innerText(), /leave the meeting/i);
    await student.getByRole('status').filter({ hasText: 'Recording in progress' }).waitFor({ timeout: 20_000 });
    assert.equal(
      await student.getByRole('button', { name: /Start recording|Stop recording|Force Stop/ }).count(),
      0,
      'students get no controls',
    );
    assert.equal(statePolls(student).length, 1, `one state request, on opening: ${statePolls(student).join(', ')}`);
    assert.equal(feedTokens(student).length, 1, 'one custom token for the widget’s session');
    assert.ok(
      requestLog.get(student)!.some((line) => /\/google\.firestore\.v1\.Firestore\/Listen\//.test(line)),
      'the state came through Firestore’s listener',
    );
    // What the widget fetched beyond our origin and the page's own (docs/embedding.md's CSP lines).
    const elsewhere = requestLog
      .get(student)!
      .map((line) => line.replace(/\?.*$/, ''))
      .filter((line) => !line.includes(HOSTING_URL) && !line.includes(platform.origin));
    console.log(`      the student's widget also fetched: ${[...new Set(elsewhere)].join(', ')}`);
    await screenshot(student, 'embed-student-consent');
    // "Leave meeting" asks the platform (it owns the room) through an event, and navigates nowhere.
    await student.getByRole('button', { name: 'Leave meeting' }).click();
    await waitInPage(student, `document.body.dataset.left === ${JSON.stringify(MEETING)}`);
    assert.equal(new URL(student.url()).origin, platform.origin);
    await student.context().close();

    // More than 10 s of recording, or it would be "too short": the length is the egress's media time,
    // so two stored 7 s segments are enough (the stand-in records at 5×), however slow the machine.
    await eventually(
      async () => {
        const live = (await db().collection('recordings').where('meetingId', '==', MEETING).get()).docs.find(
          (doc) => doc.id !== REC,
        );
        return live && (await storedSegments(live.id)).length >= 2;
      },
      60_000,
      'two stored segments',
    );
    await admin.getByRole('button', { name: 'Stop recording' }).click();
    await admin.getByRole('dialog', { name: 'Stop recording?' }).getByRole('button', { name: 'Stop now' }).click();
    await admin.getByText(/Last recording: Ready/).waitFor({ timeout: 60_000 });
    assert.equal(await admin.getByText('Recording in progress').count(), 0);
    const watch = admin.locator('lecturevault-recording').getByRole('link', { name: 'Watch' });
    assert.match((await watch.getAttribute('href'))!, /^http:\/\/127\.0\.0\.1:5000\/#\/watch\//, 'links to our app');
    const stored = await db().collection('recordings').where('meetingId', '==', MEETING).get();
    const started = stored.docs.filter((doc) => doc.id !== REC);
    assert.equal(started.length, 1);
    assert.equal(started[0]!.get('startedBy'), users.admin.uid);
    assert.equal(started[0]!.get('status'), 'ready');
    await admin.context().close();
  });

  it('LiveKit’s room.isRecording from the page shows the banner at once; our state, which says otherwise, removes it', async () => {
    const student = await open(`user=student1&meeting=${MEETING}`, { width: 390, height: 844 });
    const widget = student.locator('lecturevault-recording');
    await widget.locator('.lv-recording').waitFor({ state: 'attached', timeout: 30_000 });
    // Loaded, and nothing of ours records: a participant's widget follows the pushed state and never
    // polls, so only the hint can bring the banner.
    const banner = student.getByRole('alertdialog', { name: 'This meeting is being recorded' });
    const hinted = Date.now();
    await waitInPage(
      student,
      `(document.querySelector('lecturevault-recording').setAttribute('livekit-recording', 'true'), true)`,
    );
    await banner.waitFor({ timeout: 5_000 });
    const shownAfterMs = Date.now() - hinted;
    await screenshot(student, 'embed-student-livekit-hint');
    // No recording of ours runs: our first answer after the hint takes the banner away.
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await student.getByText('Recording in progress').count(), 0, 'the indicator follows our state only');
    assert.equal(statePolls(student).length, 2, 'the state on opening, and once more when LiveKit hinted');
    console.log(`      banner shown ${shownAfterMs} ms after the hint`);
    await student.context().close();
  });

  it('another user on the platform gets a widget (and a feed session) of their own; a sign-out there leaves “sign in”', async () => {
    const page = await open(`user=student1&meeting=${MEETING}`);
    const widget = page.locator('lecturevault-recording');
    await widget.locator('.lv-recording').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await widget.getByRole('button', { name: 'Start recording' }).count(), 0);
    // The student's widget trades its token once its Firebase chunk has loaded. On a loaded machine
    // that came after the switch below, and a student no longer signed in rightly got no session,
    // so the teacher's was the only one: wait for the student's first.
    await eventually(async () => feedTokens(page).length >= 1, 30_000, 'the student’s feed token');
    // The platform hands over another user's token (plain JS for page.evaluate, outside the page's CSP).
    await page.evaluate(
      `fetch('/token?user=teacher1').then((r) => r.text()).then((token) => LectureVault.setTokenProvider(() => token))`,
    );
    await widget.getByRole('button', { name: 'Start recording' }).waitFor({ timeout: 30_000 });
    // The teacher's widget follows the pushed state too: a session of the teacher's own.
    await eventually(async () => feedTokens(page).length >= 2, 20_000, 'the teacher’s feed token');
    assert.equal(feedTokens(page).length, 2, 'one feed token per user');
    // The widget's session lives in memory: the platform's origin holds no Firebase Auth store of ours.
    const databases = (await page.evaluate(`indexedDB.databases().then((all) => all.map((d) => d.name))`)) as string[];
    assert.ok(!databases.includes('firebaseLocalStorageDb'), `IndexedDB: ${databases.join(', ')}`);

    // The platform signs out.
    await page.evaluate(`LectureVault.setTokenProvider(() => null)`);
    await widget.getByText('Sign in on the platform').waitFor({ timeout: 10_000 });
    assert.equal(await widget.getByRole('button', { name: 'Start recording' }).count(), 0);
    await page.context().close();
  });

  it('keeps the host page’s CSS out of the widget and ours out of the host page', async () => {
    const page = await open(`user=teacher1&meeting=${MEETING}`);
    const start = page.getByRole('button', { name: 'Start recording' });
    await start.waitFor({ timeout: 30_000 });
    const W = 'lecturevault-recording';
    // The host's `* { color: green !important; font-family: serif !important }`, button and
    // display rules, and inherited text-transform/letter-spacing, stop at the shadow boundary.
    assert.equal(await styleOf(page, '.rec-button', 'background-color', W), 'rgb(220, 38, 38)');
    assert.equal(await styleOf(page, '.rec-button', 'color', W), 'rgb(255, 255, 255)');
    assert.equal(await styleOf(page, '.rec-button', 'border-radius', W), '8px');
    assert.doesNotMatch(await styleOf(page, '.rec-button', 'font-family', W), /^serif$/);
    assert.equal(await styleOf(page, '.rec-controls', 'display', W), 'grid');
    assert.equal(await styleOf(page, '.section-title', 'text-transform', W), 'none');
    assert.equal(await styleOf(page, '.section-title', 'letter-spacing', W), 'normal');
    // The widget's tokens are tokens.css's own (inlined into its sheet at build), not the host's
    // custom properties of the same names, which would otherwise inherit through the shadow boundary.
    const tokens = readFileSync(path.resolve(__dirname, '../hosting/src/ui/tokens.css'), 'utf8');
    for (const name of ['--accent', '--rec', '--space-3']) {
      const ours = new RegExp(`${name}:\\s*([^;]+);`).exec(tokens)![1]!.trim();
      // Chromium serialises a custom property's number without its leading zero (0.75rem → .75rem).
      assert.equal((await styleOf(page, '.lv-root', name, W)).trim(), ours.replace(/^0\./, '.'), name);
    }
    // Our .button and .rec-indicator rules do not style the host's elements of those class names.
    assert.equal(await styleOf(page, '#host-button', 'background-color'), 'rgb(255, 0, 255)');
    assert.equal(await styleOf(page, '#host-button', 'border-radius'), '0px');
    assert.notEqual(await styleOf(page, '#host-button', 'min-height'), '40px', 'not our 2.5rem button');
    assert.equal(await styleOf(page, '#host-indicator', 'border-top-style'), 'none');
    assert.equal(await styleOf(page, '#host-indicator', 'color'), 'rgb(0, 128, 0)');
    assert.equal(await page.locator('head link[rel="stylesheet"]').count(), 1, 'only the host’s own stylesheet');
    assert.equal(await page.locator('head style').count(), 0);
    await screenshot(page, 'embed-css-isolation');
    await page.context().close();
  });

  it('plays the protected lecture in the host page with the viewer’s watermark', async () => {
    const page = await open(`user=student1&recording=${REC}`);
    const player = page.locator('lecturevault-player');
    await player.getByText('Cardiac cycle and heart sounds').waitFor({ timeout: 30_000 });
    await waitInPage(page, `(() => { const v = ${VIDEO}; if (v) v.muted = true; return !!v; })()`);
    await waitInPage(page, `${videoTime} > 3`, undefined, { timeout: 60_000 });
    const frames = (await page.evaluate(`${VIDEO}.getVideoPlaybackQuality().totalVideoFrames`)) as number;
    assert.ok(frames > 0, `${frames} frames decoded`);
    const mark = await player.locator('.watermark').innerText();
    assert.match(mark, /Sam Patel/);
    assert.ok(!mark.includes(users.student1.email), 'never the full email');
    assert.equal(await player.getByRole('alert').count(), 0, 'no error or pause message');
    // The same subtitle rendition as in the app: the CC button shows the recording's captions.
    await player.getByRole('button', { name: 'CC: captions (c)' }).click();
    await player.getByTestId('caption-text').filter({ hasText: EMBED_CAPTION }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'embed-player');
    // Every layer is there: hiding the watermark pauses for good.
    await page.evaluate(
      `document.querySelector('lecturevault-player').shadowRoot.querySelector('.watermark').style.display = 'none'`,
    );
    await player.getByRole('alert').filter({ hasText: 'watermark was tampered with' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.evaluate(`${VIDEO}.paused`), true);
    await page.context().close();
  });

  it('an origin nobody allowed gets no answer it may read', async () => {
    const page = await (await browser.newContext()).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(`${stranger.origin}/?user=admin&meeting=${MEETING}`);
    const refusal = page.locator('lecturevault-recording').getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    assert.match(await refusal.innerText(), /Could not reach LectureVault/);
    assert.equal(await page.getByRole('button', { name: 'Start recording' }).count(), 0);
    assert.ok(
      consoleErrors.some((text) => /CORS|Access-Control-Allow-Origin/.test(text)),
      `the browser blocked it for CORS: ${consoleErrors.join(' | ')}`,
    );
    await page.context().close();
  });
});
