// Captions in the player, in Chromium (issue 28): a teacher uploads WebVTT and edits a cue through
// the API; the student turns captions on with the CC button and sees the edited text over the
// video as hls.js delivers it from the session's subtitle rendition, with the watermark kept above
// the caption area; a transcript line seeks; the library's transcript search links to the moment;
// axe-core finds no WCAG 2.1 A/AA violation on the player with captions on; the whole walk from
// sign-in to a transcript seek works from the keyboard alone, its focus always visible; and with
// "Audio only" chosen the captions, the transcript and the watermark (over the poster) stay.
import assert from 'node:assert/strict';
import { axeViolations } from './kit/axe';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { callApi, tokensFor } from '../functions/test/kit/api';
import { resetWorld } from '../functions/test/kit/emulators';
import { addPoster, readyRecording } from '../functions/test/kit/recordings';
import { launchChromium, muteVideo, screenshot, signInThroughForm, waitInPage, watchCsp } from './kit/browser';

const REC = 'rec-captions';
const VTT = `WEBVTT

00:00:00.000 --> 00:00:05.500
Good morning: the cardiac cycle.

00:00:05.500 --> 00:00:11.500
<b>Systole</b> comes first.

00:00:11.500 --> 00:00:17.000
Then diastole and the second heart sound.
`;
const EDITED = 'Systole, edited: the ventricles contract.';

const videoTime = `document.querySelector('video').currentTime`;

interface Focused {
  tag: string;
  name: string;
  href: string | null;
  pressed: string | null;
  visible: boolean;
}
/** The focused element, named as a person would find it, and whether a focus indicator is drawn on it. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {
    tag: el.tagName,
    name: (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').trim().slice(0, 60),
    href: el.getAttribute('href'),
    pressed: el.getAttribute('aria-pressed'),
    visible: outline || style.boxShadow !== 'none',
  };
})()`;

/**
 * Presses Tab (or Shift+Tab) until the focused element is the wanted one, checking on every
 * element passed on the way that its focus is visible.
 */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, key = 'Tab', max = 40): Promise<Focused> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focused = (await page.evaluate(FOCUSED)) as Focused | null;
    if (!focused) continue;
    passed.push(`${focused.tag} ${focused.name}`);
    assert.ok(focused.visible, `no visible focus on ${JSON.stringify(focused)}`);
    if (wanted(focused)) return focused;
  }
  throw new Error(`${key} never reached the element; passed: ${passed.join(' | ')}`);
}

describe('captions in the player (Chromium)', function () {
  this.timeout(180_000);
  let browser: Browser;
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());

  before(async () => {
    await resetWorld({ forensicWatermark: false });
    // The ladder of a 320×180 recording is audio only beside the source: the quality menu offers it.
    await readyRecording(REC, { ladder: 'full' });
    await addPoster(REC); // what audio only shows under the watermark
    const { teacher1 } = await tokensFor('teacher1');
    const uploaded = await callApi<{ version: number }>(`/recordings/${REC}/captions`, {
      token: teacher1,
      method: 'POST',
      body: { lang: 'en', text: VTT },
    });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const track = await callApi<{ cues: Array<{ startMs: number; endMs: number; text: string }> }>(
      `/recordings/${REC}/captions/en`,
      { token: teacher1 },
    );
    const cues = track.body.cues.map((c, i) => (i === 1 ? { ...c, text: EDITED } : c));
    const edited = await callApi(`/recordings/${REC}/captions/en`, {
      token: teacher1,
      method: 'PUT',
      body: { baseVersion: 1, cues },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(() => browser?.close());

  it('shows the edited caption from the subtitle rendition, clear of the watermark; a transcript line seeks; no axe violation', async () => {
    const page = await browser.newPage();
    await signInThroughForm(page, users.student1.email, DEMO_PASSWORD, `#/watch/${REC}`);
    const cc = page.getByRole('button', { name: 'CC: captions (c)' });
    await cc.waitFor({ timeout: 30_000 });
    await muteVideo(page);
    assert.equal(await cc.getAttribute('aria-pressed'), 'false');
    await cc.click();
    assert.equal(await cc.getAttribute('aria-pressed'), 'true');
    await page.getByText('Reviewed captions').waitFor({ timeout: 30_000 }); // students see the status once the track loads

    // The caption text comes from the cues hls.js loaded into the video's text track.
    const caption = page.getByTestId('caption-text');
    await caption.filter({ hasText: EDITED }).waitFor({ timeout: 60_000 });
    assert.ok(!(await caption.innerHTML()).includes('<b>'), 'no markup reaches the page');
    const box = await caption.boundingBox();
    // The watermark moves every 4 s; once it has moved with captions on, it stays above them.
    const top = `parseFloat(document.querySelector('.watermark').style.top)`;
    await waitInPage(page, `${top} <= 42.5`, undefined, { timeout: 15_000 });
    const mark = await page.locator('.watermark').boundingBox();
    assert.ok(
      mark && box && mark.y + mark.height <= box.y,
      `watermark ${JSON.stringify(mark)} above captions ${JSON.stringify(box)}`,
    );
    await screenshot(page, 'captions-on');

    // Keyboard: c turns them off and on again.
    await page.locator('.player').focus();
    await page.keyboard.press('c');
    assert.equal(await cc.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('c');
    assert.equal(await cc.getAttribute('aria-pressed'), 'true');

    const line = page.getByRole('button', { name: /0:11 Then diastole/ });
    await line.focus();
    await page.keyboard.press('Enter');
    await waitInPage(page, `${videoTime} >= 11.4 && ${videoTime} < 15`, undefined, { timeout: 30_000 });
    await caption.filter({ hasText: 'Then diastole' }).waitFor({ timeout: 30_000 });

    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  // Skipped: opened from the library by keyboard, the player's video never loads (readyState 0,
  // paused, no error, though segment requests were seen), in three runs; not yet diagnosed.
  it('keyboard only: sign in, open the lecture from the library, turn captions on, seek from a transcript line; focus always visible', async () => {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:5000/#/library');
    await page.getByLabel('Email').waitFor();
    await tabTo(page, (f) => f.tag === 'INPUT' && f.name === 'Email');
    // A student of its own: a key request within 30 s of another of the same viewer is refused (429).
    await page.keyboard.type(users.student3.email);
    await tabTo(page, (f) => f.tag === 'INPUT' && f.name === 'Password');
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.name === 'Sign in');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });

    // The library lists the lecture; its link opens the player.
    await page.locator(`a[href="#/watch/${REC}"]`).first().waitFor({ timeout: 30_000 });
    await tabTo(page, (f) => f.href === `#/watch/${REC}`);
    await page.keyboard.press('Enter');
    // The harness, not the viewer: muted before it starts, as the other player specs do (this
    // machine's Chromium plays no sound, and an unmuted start here never gets going).
    await muteVideo(page);
    const cc = page.getByRole('button', { name: 'CC: captions (c)' });
    await cc.waitFor({ timeout: 30_000 });

    // Play: Tab to the play button (enabled once the video is ready) and press Enter, unless it autoplayed.
    await waitInPage(page, `document.querySelector('.player-controls .ctl')?.disabled === false`);
    const play = await tabTo(page, (f) => /^(Play|Pause) \(k\)$/.test(f.name));
    if (play.name === 'Play (k)') await page.keyboard.press('Enter');
    const state = `(() => { const v = document.querySelector('video'); return JSON.stringify({ t: v.currentTime, paused: v.paused, ready: v.readyState, error: v.error && v.error.code }); })()`;
    await waitInPage(page, `${videoTime} > 0.3`, undefined, { timeout: 30_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}; video ${String(await page.evaluate(state))}`);
    });

    // CC by Tab and Space; Shift+Tab goes back to the control before it, Tab returns.
    await tabTo(page, (f) => f.name === 'CC: captions (c)');
    await tabTo(page, (f) => f.name === 'Playback speed', 'Shift+Tab', 1);
    await tabTo(page, (f) => f.name === 'CC: captions (c)', 'Tab', 1);
    await page.keyboard.press('Space');
    assert.equal(await cc.getAttribute('aria-pressed'), 'true');
    const caption = page.getByTestId('caption-text');
    await caption.waitFor({ timeout: 30_000 });

    // On to a transcript line (past the other controls, the style choices and the search box); Enter seeks.
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.name.includes('Then diastole'));
    await page.keyboard.press('Enter');
    await waitInPage(page, `${videoTime} >= 11.4 && ${videoTime} < 15`, undefined, { timeout: 30_000 });
    await caption.filter({ hasText: 'Then diastole' }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('keeps the captions, the transcript and the watermark over the poster when only the audio plays', async () => {
    const page = await browser.newPage();
    const narrowed: string[] = [];
    page.on('request', (r) => r.url().includes('multivariant.m3u8?only=audio') && narrowed.push(r.url()));
    await signInThroughForm(page, users.student2.email, DEMO_PASSWORD, `#/watch/${REC}`);
    await muteVideo(page);
    await waitInPage(page, `${videoTime} > 0.5`, undefined, { timeout: 30_000 });
    // Seconds after the start, well within the key's one request per 30 s: the switch keeps the key.
    await page.getByLabel('Quality').selectOption('audio');
    const video = `document.querySelector('video')`;
    // Within 20 s: a refused key (429) would hold playback for 30 s behind a countdown.
    await waitInPage(page, `${video}.videoHeight === 0 && !${video}.paused && ${video}.readyState >= 3`, undefined, {
      timeout: 20_000,
    });
    assert.equal(await page.getByText('Too many requests').count(), 0);
    assert.equal(narrowed.length, 1, 'the multivariant playlist narrowed to audio only, subtitle group and all');
    await waitInPage(page, `${video}.poster.startsWith('data:image/')`, undefined, { timeout: 15_000 }); // the poster stands in for the picture
    const mark = page.locator('.watermark');
    assert.ok((await mark.textContent())?.includes(users.student2.name), 'the watermark names the viewer');
    assert.ok(await mark.isVisible());

    // Captions on, then a transcript line: the cue comes from the subtitle rendition of audio only.
    await page.getByRole('button', { name: 'CC: captions (c)' }).click();
    await page.getByRole('button', { name: /0:11 Then diastole/ }).click();
    await page.getByTestId('caption-text').filter({ hasText: 'Then diastole' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(`${video}.videoHeight`), 0, 'still audio only');
    await screenshot(page, 'captions-audio-only');
    await page.close();
  });

  it("the library's transcript search links to the moment, and the player starts there", async () => {
    const page = await browser.newPage();
    await signInThroughForm(page, users.student1.email, DEMO_PASSWORD, '#/library');
    await page.getByLabel('Words spoken in a lecture').fill('diastole');
    await page.getByRole('button', { name: 'Search transcripts' }).click();
    const moment = page.getByRole('link', { name: /0:11 Then diastole/ });
    await moment.waitFor({ timeout: 30_000 });
    assert.match((await moment.getAttribute('href')) ?? '', new RegExp(`^#/watch/${REC}\\?t=11$`));
    await moment.click();
    // The player opens at the moment (the start a deep link asks for), not at the beginning.
    await page.getByRole('status').filter({ hasText: 'Resumed at 00:11.' }).waitFor({ timeout: 30_000 });
    await page.close();
  });
});
