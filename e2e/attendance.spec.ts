// Attendance in Chromium: a student really plays a lecture (hls.js, the encrypted segments), leaves
// the page, and the server has credited watched time from the segments it delivered; the teacher
// sees them in the Attendance section and exports the CSV; the student's library shows progress.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { callApi, tokensFor } from '../functions/test/kit/api';
import { launchChromium, muteVideo, screenshot, signInThroughForm, waitInPage, watchCsp } from './kit/browser';
import { db, eventually, resetWorld } from '../functions/test/kit/emulators';
import { addPoster, readyRecording } from '../functions/test/kit/recordings';

const REC = 'rec-attended';

describe('attendance in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());

  before(async () => {
    await resetWorld();
    await readyRecording(REC);
    await addPoster(REC);
    browser = await launchChromium();
    csp = watchCsp(browser);
  });
  after(() => browser?.close());

  it('a real playback gains watched time, shown to the teacher (with CSV) and in the student’s library', async () => {
    const page = await browser.newPage();
    await signInThroughForm(page, users.student1.email, DEMO_PASSWORD, `#/watch/${REC}`);
    await page.getByRole('heading', { name: 'Cardiac cycle and heart sounds' }).waitFor({ timeout: 30_000 });
    await muteVideo(page);
    await waitInPage(page, `document.querySelector('video').currentTime > 5`, undefined, { timeout: 60_000 });
    const { teacher1 } = await tokensFor('teacher1');
    const before = await callApi<{ viewers: unknown[] }>(`/recordings/${REC}/viewers`, { token: teacher1 });
    assert.deepEqual(before.body.viewers, [], 'nothing credited before the first heartbeat');

    // Leaving the watch page hands in the receipts of the segments received so far.
    await page.evaluate(`location.hash = '#/library'`);
    const viewing = await eventually(async () => {
      const snap = await db().doc(`viewing/${REC}_${users.student1.uid}`).get();
      return snap.exists ? snap.data() : undefined;
    });
    assert.ok(viewing!.watchedSeconds >= 7, `watched ${viewing!.watchedSeconds} s`);
    assert.equal(viewing!.sessions, 1);

    const row = page.locator(`li:has(a[href="#/watch/${REC}"])`);
    await page.reload();
    await row.getByRole('progressbar').waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /Resume at|Watched/);
    // The poster frame, fetched with the token and shown within the CSP (no violation: afterEach).
    const poster = row.getByRole('img', { name: 'A frame of Cardiac cycle and heart sounds' });
    await poster.waitFor({ timeout: 15_000 });
    await waitInPage(
      page,
      `[...document.querySelectorAll('.card-poster img')].some((i) => i.complete && i.naturalWidth === 640)`,
    );
    await screenshot(page, 'library-progress');
    // The mail opt-out in the header: on by default, off once clicked, and the server has it.
    const mail = page.getByRole('checkbox', { name: 'Email me when a new lecture is ready' });
    assert.equal(await mail.isChecked(), true);
    await mail.click();
    const { student1 } = await tokensFor('student1');
    await eventually(
      async () =>
        (await callApi<{ mailEnabled: boolean }>('/me', { token: student1 })).body.mailEnabled === false || undefined,
    );
    assert.equal(await mail.isChecked(), false);
    // Search: words that match nothing, then the meeting's title.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('zzzz');
    await page.getByText('No recordings match').waitFor({ timeout: 10_000 });
    await search.fill('cardiac');
    await row.waitFor({ timeout: 10_000 });
    await page.close();

    const console = await browser.newPage({ acceptDownloads: true });
    await signInThroughForm(console, users.teacher1.email, DEMO_PASSWORD, '#/attendance');
    const viewer = console.locator(`tr[data-viewer="${users.student1.uid}"]`);
    await viewer.waitFor({ timeout: 15_000 });
    assert.match(await viewer.innerText(), /Sam Patel/);
    const [download] = await Promise.all([
      console.waitForEvent('download'),
      console.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    assert.equal(csv[0], 'name,email,watched_seconds,completion_percent,sessions,first_watched_utc,last_watched_utc');
    assert.match(csv[1], new RegExp(`^Sam Patel,${users.student1.email},${viewing!.watchedSeconds as number},`));
    await screenshot(console, 'attendance-viewers');
    await console.close();
  });
});
