// The meeting page in Chromium against the emulators and the LiveKit stand-in: participants, the
// storage estimate, Start with the red timer, the consent banner for everyone in the room ("Leave
// meeting", then "You left the meeting"), Stop with the segments stored, the empty-room
// confirmation and the engine-unavailable error; the student's page following the pushed state
// (recordingStates/) with its network cut and restored; and the student library that hides
// incomplete recordings.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { LiveKitDev } from '../tools/livekit-dev/src/server';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { axeViolations } from './kit/axe';
import {
  focusWhenShown,
  launchChromium,
  requestsInFlight,
  watchCsp,
  screenshot,
  signInThroughForm,
} from './kit/browser';
import { createRoom, injectFault, joinRoom, leaveRoom, openRoom } from '../functions/test/kit/control';
import { db, eventually, HOSTING_URL, resetWorld } from '../functions/test/kit/emulators';
import { startStandIn } from '../functions/test/kit/livekit-dev';

const MEETING = '#/meetings/meeting-cardio-101';

describe('meeting page: recording controls, consent and indicator in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  // Any Content-Security-Policy violation fails the test it happened in.
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());
  let livekit: LiveKitDev;
  let admin: Page;
  let student: Page;
  let studentRequests: ReturnType<typeof requestsInFlight>;

  before(async () => {
    await resetWorld({ forensicWatermark: false }); // not the subject here: see resetWorld
    livekit = await startStandIn({ speed: 5, freezeMs: 120_000 });
    await openRoom('cardio-101', [users.teacher1.uid, users.student1.uid]);
    browser = await launchChromium();
    csp = watchCsp(browser);
    admin = await (await browser.newContext()).newPage();
    student = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    studentRequests = requestsInFlight(student, HOSTING_URL);
  });
  after(async () => {
    await browser?.close();
    await livekit?.close();
  });

  it('shows who is in the room and the storage estimate, with the 3 h+ warning', async () => {
    await signInThroughForm(admin, users.admin.email, DEMO_PASSWORD, MEETING);
    await admin.getByRole('heading', { name: 'Cardiac cycle and heart sounds' }).waitFor();
    const room = admin.getByRole('region', { name: /In the room/ });
    await room.getByText('Dr. Meredith Grey').waitFor();
    await room.getByText('Sam Patel').waitFor();
    await admin.getByText(/of storage; .* free\./).waitFor();
    assert.equal(await admin.locator('.rec-warning').count(), 0);
    await admin.getByLabel('Expected length').selectOption('4');
    await admin.locator('.rec-warning', { hasText: 'A 4 h recording will take about' }).waitFor();
    await screenshot(admin, 'meeting-admin-before');
    await admin.getByLabel('Expected length').selectOption('1');
  });

  it('starts recording: red timer running, consent banner for the admin and for a student in the room', async () => {
    await admin.getByRole('button', { name: 'Start recording' }).click();
    await admin.getByRole('alertdialog', { name: 'This meeting is being recorded' }).waitFor({ timeout: 30_000 });
    // "Recording starting…" until LiveKit reports the egress active; then the timer runs.
    const indicator = admin.getByRole('status').filter({ hasText: 'Recording in progress' });
    await indicator.waitFor({ timeout: 30_000 });
    const first = await admin.getByLabel('Recording time').innerText();
    // The timer moves: wait for its text to change (it ticks every second) rather than a guessed pause.
    await admin.getByLabel('Recording time').filter({ hasNotText: first }).waitFor({ timeout: 10_000 });
    const second = await admin.getByLabel('Recording time').innerText();
    assert.notEqual(first, second, `the timer moves (${first} → ${second})`);
    assert.match(second, /^\d\d:\d\d$/);
    await screenshot(admin, 'meeting-admin-recording');
    await admin.getByRole('button', { name: 'Continue' }).click();
    assert.equal(await admin.getByRole('alertdialog').count(), 0);

    await signInThroughForm(student, users.student1.email, DEMO_PASSWORD, MEETING);
    const banner = student.getByRole('alertdialog', { name: 'This meeting is being recorded' });
    await banner.waitFor({ timeout: 20_000 });
    assert.match(await banner.innerText(), /leave the meeting/i);
    await student.getByRole('status').filter({ hasText: 'Recording in progress' }).waitFor();
    assert.equal(
      await student.getByRole('button', { name: /Start recording|Stop recording/ }).count(),
      0,
      'students get no controls',
    );
    await screenshot(student, 'meeting-student-consent');
    await student.getByRole('button', { name: 'Continue' }).click();
    assert.equal(await banner.count(), 0);
    assert.equal(
      await student.getByRole('status').filter({ hasText: 'Recording in progress' }).count(),
      1,
      'the indicator stays',
    );
    // Reload once the page's own requests (chunks, API calls) are done: see requestsInFlight.
    await studentRequests.settled();
    await student.reload();
    await student.getByRole('status').filter({ hasText: 'Recording in progress' }).waitFor({ timeout: 20_000 });
    assert.equal(await student.getByRole('alertdialog').count(), 0, 'a reload does not ask again');
  });

  it('a student who leaves is told "You left the meeting", with Rejoin and the way back, on a phone', async () => {
    // Another student of the batch, in the room for this test only, so the first one's flow is untouched.
    await joinRoom('cardio-101', users.student2.uid);
    try {
      const leaver = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await signInThroughForm(leaver, users.student2.email, DEMO_PASSWORD, MEETING);
      const banner = leaver.getByRole('alertdialog', { name: 'This meeting is being recorded' });
      const leave = banner.getByRole('button', { name: 'Leave meeting' });
      await leave.waitFor({ timeout: 30_000 });
      const focused = focusWhenShown(leaver, 'left-meeting-title');
      await leave.click();
      await leaver.getByRole('heading', { name: 'You left the meeting' }).waitFor({ timeout: 20_000 });
      // The heading takes focus as it appears, so a screen reader reads the new state out (and no
      // frame shows it with focus on the banner's button, which is gone).
      assert.equal(await focused, 'left-meeting-title', 'focus on the heading from the moment it shows');
      assert.equal(await leaver.evaluate('document.activeElement?.id'), 'left-meeting-title');
      assert.equal(await leaver.getByRole('button', { name: 'Rejoin' }).count(), 1);
      assert.equal(await leaver.getByRole('link', { name: 'Back to library' }).getAttribute('href'), '#/library');
      const width = (await leaver.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= 390, `"You left the meeting" fits 390 px (${width})`);
      assert.deepEqual(await axeViolations(leaver), []);
      await screenshot(leaver, 'meeting-student-left');
      await leaver.context().close();
    } finally {
      await leaveRoom('cardio-101', users.student2.uid);
    }
  });

  it('the student follows the pushed state without polling; a cut network says "connection lost", never "not recording"', async () => {
    const polls: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (/\/api\/meetings\/[^/]+\/recording$/.test(new URL(request.url()).pathname)) polls.push(request.url());
    };
    student.on('request', onRequest);
    try {
      await student.waitForTimeout(5_000);
      assert.deepEqual(polls, [], 'no GET of the recording state while following (was every 2 s)');
      const indicator = student.getByRole('status').filter({ hasText: 'Recording in progress' });
      // The listener's network goes: the page says so and keeps the indicator, it never says "not recording".
      // Playwright's offline emulation here sets navigator.onLine but sends the page no `offline`
      // event, which a browser that loses its network does send: the test sends it.
      await student.context().setOffline(true);
      await student.evaluate('dispatchEvent(new Event("offline"))');
      const lost = student.getByText('Connection to LectureVault lost; retrying…');
      await lost.waitFor({ timeout: 30_000 });
      assert.equal(await indicator.count(), 1, 'still "Recording in progress" while cut off');
      await screenshot(student, 'meeting-student-connection-lost');
      const width = (await student.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= 390, `the notice fits 390 px (${width})`);
      await student.context().setOffline(false);
      await student.evaluate('dispatchEvent(new Event("online"))');
      await lost.waitFor({ state: 'detached', timeout: 90_000 });
      assert.equal(await indicator.count(), 1, 'back in step, still recording');
    } finally {
      student.off('request', onRequest);
      await student.context().setOffline(false);
    }
  });

  it('stops: the indicator goes, the recording is ready with its segments stored', async () => {
    await admin.waitForTimeout(8000); // more than 10 s of recording, or it would be "too short"
    // Stop asks first, in a modal dialog: focus starts on the harmless choice, Tab stays inside,
    // Escape cancels and focus returns to Stop; the recording goes on.
    const stop = admin.getByRole('button', { name: 'Stop recording' });
    await stop.focus();
    await admin.keyboard.press('Enter');
    const dialog = admin.getByRole('dialog', { name: 'Stop recording?' });
    await dialog.waitFor();
    const focused = () => admin.evaluate<string>('document.activeElement?.textContent ?? ""');
    assert.equal(await focused(), 'Keep recording');
    for (let i = 0; i < 3; i++) {
      await admin.keyboard.press('Tab');
      assert.ok(
        await admin.evaluate('document.querySelector("dialog[open]").contains(document.activeElement)'),
        'focus stays in the dialog',
      );
    }
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await focused(), /Stop recording/, 'focus back on Stop');
    assert.equal(await admin.getByText('Recording in progress').count(), 1, 'still recording');
    await stop.click();
    await dialog.getByRole('button', { name: 'Stop now' }).click();
    const last = admin.getByText(/Last recording: /);
    await last.waitFor({ timeout: 60_000 });
    const stored = (await db().collection('recordings').where('meetingId', '==', 'meeting-cardio-101').get()).docs;
    const why = JSON.stringify(stored.map((d) => [d.get('status'), d.get('reason')]));
    await admin
      .getByText(/Last recording: Ready/)
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        throw new Error(`the page says "${await last.innerText()}"; stored: ${why}`);
      });
    assert.equal(await admin.getByText('Recording in progress').count(), 0);
    await student.getByText('Recording in progress').waitFor({ state: 'detached', timeout: 10_000 });
    const recordings = await db().collection('recordings').where('meetingId', '==', 'meeting-cardio-101').get();
    assert.equal(recordings.size, 1);
    const segments = await db().collection(`recordings/${recordings.docs[0]!.id}/segments`).get();
    assert.ok(segments.size >= 2, `${segments.size} encrypted segments stored`);
    await screenshot(admin, 'meeting-admin-stopped');
  });

  it('asks before recording an empty room, and says when the engine is unavailable', async () => {
    const teacher = await (await browser.newContext()).newPage();
    await createRoom('ethics-guest');
    await signInThroughForm(teacher, users.teacher1.email, DEMO_PASSWORD, '#/meetings/meeting-ethics-guest');
    await teacher.getByText('Nobody has joined yet.').waitFor();
    await teacher.getByRole('button', { name: 'Start recording' }).click();
    const confirm = teacher.getByRole('alertdialog', { name: /Nobody is in the room yet/ });
    await confirm.waitFor({ timeout: 20_000 });
    await screenshot(teacher, 'meeting-empty-room-confirm');
    await teacher.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await confirm.count(), 0);
    const none = await db().collection('recordings').where('meetingId', '==', 'meeting-ethics-guest').get();
    assert.equal(none.size, 0, 'nothing recorded without confirmation');

    const admin2 = admin;
    await admin2.goto('http://127.0.0.1:5000/#/meetings/meeting-neuro-201'); // its room is not running
    await admin2.getByRole('button', { name: 'Start recording' }).click();
    await admin2.getByRole('alert').filter({ hasText: 'Recording engine unavailable' }).waitFor({ timeout: 20_000 });
    await screenshot(admin2, 'meeting-engine-unavailable');
    await teacher.context().close();
  });

  it('turns the stop spinner into Force Stop once the hanging stop is 30 s old', async () => {
    await createRoom('neuro-201');
    await joinRoom('neuro-201', users.teacher2.uid);
    await admin.goto('http://127.0.0.1:5000/#/meetings/meeting-neuro-201');
    await admin.getByText('Dr. Gregory House').waitFor({ timeout: 20_000 });
    await admin.getByRole('button', { name: 'Start recording' }).click();
    await admin.getByRole('button', { name: 'Continue' }).click({ timeout: 30_000 });
    const recording = await eventually(
      async () => {
        const found = await db().collection('recordings').where('meetingId', '==', 'meeting-neuro-201').get();
        const doc = found.docs[0];
        const live =
          doc?.get('status') === 'recording' &&
          ((await doc.ref.collection('segments').count().get()).data().count ?? 0) >= 1;
        return live ? { id: doc.id, egressId: doc.get('egressId') as string } : undefined;
      },
      60_000,
      'recording with a segment',
    );
    await injectFault({ freezeOnStop: recording.egressId });
    await admin.getByRole('button', { name: 'Stop recording' }).click();
    await admin.getByRole('button', { name: 'Stop now' }).click();
    await admin.getByText('Stopping: saving the last segments…').waitFor({ timeout: 20_000 });
    assert.equal(await admin.getByRole('button', { name: 'Force Stop' }).count(), 0, 'not offered before 30 s');
    // Control time instead of waiting it out: the stop was asked 31 s ago, as the server sees it (the
    // recording-lifecycle spec shows the server refusing an earlier Force Stop; meeting-derive's unit
    // test the page's own 30 s timer).
    await db()
      .doc(`recordings/${recording.id}`)
      .update({ stopRequestedAtMs: Date.now() - 31_000 });
    await admin.getByRole('button', { name: 'Force Stop' }).waitFor({ timeout: 15_000 });
    await screenshot(admin, 'meeting-force-stop-offered');
    await admin.getByRole('button', { name: 'Force Stop' }).click();
    await admin.getByText('Last recording: Incomplete (force-stopped)').waitFor({ timeout: 20_000 });
    const stored = (await db().doc(`recordings/${recording.id}`).get()).data()!;
    assert.equal(stored.status, 'incomplete');
    assert.equal(stored.reason, 'force-stopped');
  });

  it("the student's library lists the new recording, newest first, and hides incomplete ones", async () => {
    const now = Date.now();
    await db().doc('recordings/rec-too-short').set({
      meetingId: 'meeting-cardio-101',
      roomName: 'cardio-101',
      status: 'incomplete',
      reason: 'too-short',
      hidden: true,
      createdAtMs: now,
      startedBy: 'u-admin',
      finalized: true,
    });
    await db()
      .doc('recordings/rec-older')
      .set({
        meetingId: 'meeting-cardio-101',
        roomName: 'cardio-101',
        status: 'ready',
        createdAtMs: now - 86_400_000,
        durationSeconds: 3600,
        startedBy: 'u-admin',
        finalized: true,
      });
    const reader = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInThroughForm(reader, users.student1.email, DEMO_PASSWORD, '#/library');
    const cards = reader.locator('.library .card');
    await cards.first().waitFor({ timeout: 20_000 });
    assert.equal(await cards.count(), 2, 'the recorded lecture and the older one; not the incomplete one');
    assert.equal(await reader.locator('a[href="#/watch/rec-too-short"]').count(), 0);
    assert.equal(await cards.nth(1).locator('a.card-title').getAttribute('href'), '#/watch/rec-older', 'newest first');
    assert.match(await cards.nth(1).innerText(), /1:00:00/);
    await screenshot(reader, 'library-student');
    await reader.context().close();
  });
});
