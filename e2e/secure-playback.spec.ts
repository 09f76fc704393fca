// The product's promise in a real browser: Chromium plays an encrypted recording through hls.js
// from our endpoints (session → playlist with signed URLs → key with the ID token → segments), and
// a stranger's player is refused. Real decodable video, AES-128 decrypted by the browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchCsp, screenshot, signInThroughForm } from './kit/browser';
import { measureUntil, openAndMeasure, SLOW_LINK, throttle, warmPlayerCode } from './kit/playback-probe';
import { HOSTING_URL, idTokenFor, resetWorld } from '../functions/test/kit/emulators';
import { readyRecording } from '../functions/test/kit/recordings';
import { lectureSegments } from '../functions/test/kit/media';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';

const HLS = path.resolve(__dirname, '../node_modules/hls.js/dist/hls.min.js');

/** Opens a session with the user's ID token and plays it with hls.js, sending the token on every request. */
async function playInPage(
  page: Page,
  token: string,
  recordingId: string,
): Promise<{ currentTime: number; error?: string; decoded: number }> {
  await page.goto(`${HOSTING_URL}/`); // same origin as /api
  // Not addScriptTag: an inline script, which the CSP refuses; a DevTools evaluation is exempt.
  await page.evaluate(readFileSync(HLS, 'utf8'));
  // Plain JavaScript: the test runner's TypeScript transform would inject helpers the page lacks.
  return page.evaluate(`(async ({ token, recordingId }) => {
    const res = await fetch('/api/recordings/' + recordingId + '/sessions', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 201) return { currentTime: 0, error: 'session ' + res.status, decoded: 0 };
    const session = await res.json();
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const hls = new Hls({ xhrSetup: (xhr) => xhr.setRequestHeader('Authorization', 'Bearer ' + token) });
    let error;
    hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) error = data.details; });
    hls.loadSource(session.playlistUrl);
    hls.attachMedia(video);
    await video.play().catch(() => undefined);
    const deadline = Date.now() + 30000;
    while (video.currentTime < 4 && !error && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const quality = video.getVideoPlaybackQuality();
    return { currentTime: video.currentTime, error, decoded: quality.totalVideoFrames - quality.droppedVideoFrames };
  })(${JSON.stringify({ token, recordingId })})`);
}

describe('secure playback in Chromium (hls.js, AES-128, signed URLs)', function () {
  this.timeout(120_000);
  let browser: Browser;
  // Any Content-Security-Policy violation fails the test it happened in.
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());

  before(async () => {
    await resetWorld();
    await readyRecording('rec-play');
    // 640×360 with the ladder (unmarked: the mark is not the subject): 360p, 234p and audio only;
    // 16 s, so the throttled test has 12 s to play.
    await readyRecording('rec-ladder', { files: lectureSegments(16).files, ladder: 'full' });
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(() => browser?.close());

  it('a batch student’s browser decrypts and plays the recording', async () => {
    const page = await browser.newPage();
    const result = await playInPage(page, await idTokenFor(users.student1.email, DEMO_PASSWORD), 'rec-play');
    assert.equal(result.error, undefined);
    assert.ok(result.currentTime >= 4, `currentTime ${result.currentTime}`);
    assert.ok(result.decoded > 50, `${result.decoded} frames decoded`);
    await screenshot(page, 'secure-playback-student');
    await page.close();
  });

  it('plays every rung of the ladder when forced, at its picture size, and audio only without a picture', async () => {
    const page = await browser.newPage();
    await page.goto(`${HOSTING_URL}/`);
    await page.evaluate(readFileSync(HLS, 'utf8'));
    const tokens = [users.student1, users.student2].map((u) => idTokenFor(u.email, DEMO_PASSWORD));
    // Plain JavaScript, as in playInPage. Each player is its own viewer: the key is one per 30 s per viewer.
    const result = (await page.evaluate(`(async ({ tokens }) => {
      const open = async (token) => {
        const res = await fetch('/api/recordings/rec-ladder/sessions', { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: '{}' });
        return res.json();
      };
      const player = (token) => {
        const video = document.createElement('video');
        video.muted = true;
        document.body.append(video);
        const hls = new Hls({ xhrSetup: (xhr) => xhr.setRequestHeader('Authorization', 'Bearer ' + token) });
        hls.attachMedia(video);
        return { hls, video };
      };
      const until = async (check, ms = 20000) => {
        const deadline = Date.now() + ms;
        while (!check()) { if (Date.now() > deadline) return false; await new Promise((r) => setTimeout(r, 100)); }
        return true;
      };
      const out = { rungs: [], audio: null };
      const video1 = player(tokens[0]);
      const s1 = await open(tokens[0]);
      const parsed = new Promise((r) => video1.hls.once(Hls.Events.MANIFEST_PARSED, (_e, d) => r(d.levels)));
      video1.hls.loadSource(s1.multivariantUrl);
      const levels = await parsed;
      await video1.video.play().catch(() => undefined);
      for (let i = levels.length - 1; i >= 0; i--) {
        // The lecture is 16 s long: each rung plays from the start.
        video1.hls.currentLevel = i;
        video1.video.currentTime = 0;
        await video1.video.play().catch(() => undefined);
        const shown = await until(() => video1.video.videoHeight === levels[i].height && video1.video.currentTime > 1.5);
        out.rungs.push({ height: levels[i].height, shown, videoHeight: video1.video.videoHeight });
      }
      const video2 = player(tokens[1]);
      const s2 = await open(tokens[1]);
      video2.hls.loadSource(s2.multivariantUrl.replace('multivariant.m3u8', 'rungs/audio.m3u8'));
      await video2.video.play().catch(() => undefined);
      const played = await until(() => video2.video.currentTime > 2);
      out.audio = { played, videoHeight: video2.video.videoHeight };
      return out;
    })(${JSON.stringify({ tokens: await Promise.all(tokens) })})`)) as {
      rungs: { height: number; shown: boolean; videoHeight: number }[];
      audio: { played: boolean; videoHeight: number };
    };
    assert.deepEqual(
      result.rungs.map((r) => [r.height, r.shown]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [234, true],
        [360, true],
      ],
      JSON.stringify(result),
    );
    assert.deepEqual(result.audio, { played: true, videoHeight: 0 });
    await page.close();
  });

  // Issue 27's goals at 600 kbit/s: first frame within 4 s, at most 2 % of the time stalled. The
  // source rung (~720 kbit/s with its audio) does not fit the link; 234p does, so the player must
  // start and stay there. The bounds are twice the goals (a loaded 2-core machine runs the app, the
  // emulators and the browser); the rung is what a player without the ladder could not meet.
  it('at 600 kbit/s and 150 ms the player starts within the goal on the low rung and plays 12 s without stalling', async () => {
    const page = await browser.newPage();
    await signInThroughForm(page, users.student3.email, DEMO_PASSWORD);
    await warmPlayerCode(page);
    await throttle(page, SLOW_LINK);
    await openAndMeasure(page, '#/watch/rec-ladder');
    const report = await measureUntil(page, (r) => r.playedSeconds >= 12, 60_000);
    const seen = JSON.stringify(report);
    assert.ok(report.playedSeconds >= 12, `played 12 s: ${seen}`);
    assert.ok(report.firstFrameMs! <= 8_000, `first frame within 8 s: ${seen}`);
    assert.ok(report.stalledMs <= 2 * 0.02 * report.watchedMs + 250, `stalled beyond the goal: ${seen}`);
    assert.deepEqual(Object.keys(report.heights), ['234'], `only the 234p rung fits 600 kbit/s: ${seen}`);
    console.log(`      600 kbit/s: ${seen}`);
    await page.close();
  });

  it('a stranger’s browser gets no session, so nothing to play', async () => {
    const page = await browser.newPage();
    const result = await playInPage(page, await idTokenFor(users.student5.email, DEMO_PASSWORD), 'rec-play');
    assert.deepEqual(result, { currentTime: 0, error: 'session 403', decoded: 0 });
    await page.close();
  });
});
