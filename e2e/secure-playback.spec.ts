// The product's promise in a real browser: Chromium plays an encrypted recording through hls.js
// from our endpoints (session → playlist with signed URLs → key with the ID token → segments), and
// a stranger's player is refused. Real decodable video, AES-128 decrypted by the browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchCsp, screenshot } from './kit/browser';
import { HOSTING_URL, idTokenFor, resetWorld } from '../functions/test/kit/emulators';
import { readyRecording } from '../functions/test/kit/recordings';
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

  it('a stranger’s browser gets no session, so nothing to play', async () => {
    const page = await browser.newPage();
    const result = await playInPage(page, await idTokenFor(users.student5.email, DEMO_PASSWORD), 'rec-play');
    assert.deepEqual(result, { currentTime: 0, error: 'session 403', decoded: 0 });
    await page.close();
  });
});
