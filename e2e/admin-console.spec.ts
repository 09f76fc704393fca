// The admin console in Chromium against the emulators: recordings per meeting, access management,
// expiry, the storage dashboard and retention, the machine-captions settings (the batch mode, a
// course's phrase list), the alerts inbox, the audit log viewer and delete;
// a teacher's narrower view; a student kept out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FieldValue } from 'firebase-admin/firestore';
import type { Browser, Page, Request } from 'playwright-core';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { axeViolations } from './kit/axe';
import { launchChromium, watchCsp, screenshot, signInThroughForm } from './kit/browser';
import { raiseAlert } from '../functions/src/store/alerts';
import { defaultLectureTitle } from '../functions/src/domain/recording/lecture-identity';
import { db, eventually, resetWorld } from '../functions/test/kit/emulators';

const HOUR = 3_600_000;
const base = { roomName: 'cardio-101', startedBy: 'u-admin', finalized: true };

describe('the admin console in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  // Any Content-Security-Policy violation fails the test it happened in.
  let csp: ReturnType<typeof watchCsp>;
  afterEach(() => csp?.assertNone());
  let admin: Page;
  const row = (id: string) => admin.locator(`tr[data-recording="${id}"]`);

  before(async () => {
    await resetWorld();
    const now = Date.now();
    await db()
      .doc('recordings/rec-new')
      .set({
        ...base,
        meetingId: 'meeting-cardio-101',
        status: 'ready',
        createdAtMs: now - HOUR,
        durationSeconds: 600,
        storedSeconds: 600,
        storedBytes: 50 * 1024 ** 2,
      });
    await db()
      .doc('recordings/rec-old')
      .set({
        ...base,
        meetingId: 'meeting-cardio-101',
        status: 'ready',
        createdAtMs: now - 30 * HOUR,
        lectureNumber: 1,
        durationSeconds: 1200,
        storedSeconds: 1200,
        storedBytes: 90 * 1024 ** 2,
      });
    await db()
      .doc('recordings/rec-crash')
      .set({
        ...base,
        roomName: 'neuro-201',
        meetingId: 'meeting-neuro-201',
        status: 'incomplete',
        reason: 'egress-failed',
        createdAtMs: now - 2 * HOUR,
        durationSeconds: 95,
        storedSeconds: 95,
        storedBytes: 8 * 1024 ** 2,
      });
    await db()
      .doc('usageMeetings/meeting-cardio-101')
      .set({ bytes: 140 * 1024 ** 2, seconds: 1800 });
    await db()
      .doc('usageMeetings/meeting-neuro-201')
      .set({ bytes: 8 * 1024 ** 2, seconds: 95 });
    await db()
      .doc('usage/total')
      .set({ bytes: 148 * 1024 ** 2, seconds: 1895 });
    await db()
      .doc('alerts/alert-crash')
      .set({
        kind: 'egress-failed',
        message: 'Recording rec-crash crashed; the segments so far are kept.',
        recordingId: 'rec-crash',
        meetingId: 'meeting-neuro-201',
        atMs: now - HOUR,
        read: false,
      });
    browser = await launchChromium();
    csp = watchCsp(browser);
    admin = await browser.newPage();
    await signInThroughForm(admin, users.admin.email, DEMO_PASSWORD, '#/recordings');
  });
  after(() => browser?.close());

  it('lists recordings per meeting with status, length and size', async () => {
    await admin.getByRole('heading', { name: /Cardiac cycle and heart sounds/ }).waitFor({ timeout: 20_000 });
    assert.match(await row('rec-new').innerText(), /Ready[\s\S]*10:00[\s\S]*50 MB/);
    assert.match(
      await row('rec-crash').innerText(),
      /Incomplete \(the recording engine crashed\)[\s\S]*01:35[\s\S]*8\.0 MB/,
    );
    const groups = await admin.locator('.meeting-group h2').allInnerTexts();
    assert.deepEqual(groups, ['Cardiac cycle and heart sounds (2)', 'Cranial nerves in practice (1)']);
    await screenshot(admin, 'admin-recordings');
  });

  it('names a lecture by its number and day, and retitles one from its row', async () => {
    const oldAtMs = (await db().doc('recordings/rec-old').get()).get('createdAtMs') as number;
    assert.match(await row('rec-old').innerText(), new RegExp(defaultLectureTitle(1, oldAtMs, 'UTC')));
    await row('rec-new')
      .getByRole('button', { name: /^Edit title/ })
      .click();
    await row('rec-new').getByLabel('Title', { exact: true }).fill('Murmurs, demystified');
    await row('rec-new').getByLabel('Description', { exact: true }).fill('Bring a stethoscope.');
    await row('rec-new').getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('status').filter({ hasText: 'Saved the title “Murmurs, demystified”' }).waitFor();
    await row('rec-new').getByText('Murmurs, demystified').waitFor();
    assert.equal((await db().doc('recordings/rec-new').get()).get('description'), 'Bring a stethoscope.');
  });

  it('sets a per-recording expiry', async () => {
    const day = new Date(Date.now() + 10 * 24 * HOUR);
    const value = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    await row('rec-new').locator('input[type="date"]').fill(value);
    await row('rec-new').getByRole('button', { name: 'Set expiry' }).click();
    await admin.getByRole('status').filter({ hasText: 'now expires on' }).waitFor();
    const stored = (await db().doc('recordings/rec-new').get()).get('expiresAtMs') as number;
    assert.ok(Math.abs(stored - day.getTime()) < 24 * HOUR, `expiry ${new Date(stored).toISOString()}`);
  });

  it('grants by email and revokes a batch member in the Access section', async () => {
    await row('rec-new').getByRole('button', { name: 'Access' }).click();
    await admin.getByRole('cell', { name: /Sam Patel/ }).waitFor({ timeout: 20_000 });
    assert.equal(await admin.getByLabel('Recording').inputValue(), 'rec-new');
    await admin.getByLabel('Email', { exact: true }).fill('Visiting.Fellow@Hospital.org');
    await admin.getByRole('button', { name: 'Grant access' }).click();
    await admin.getByRole('cell', { name: 'visiting.fellow@hospital.org', exact: true }).waitFor();
    const grants = await db().collection('grants').where('recordingId', '==', 'rec-new').get();
    assert.deepEqual(
      grants.docs.map((d) => d.get('email')),
      ['visiting.fellow@hospital.org'],
    );

    await admin.getByRole('button', { name: `Revoke ${users.student2.email}` }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `${users.student2.email} can no longer watch` })
      .waitFor();
    const revokedRow = admin.locator('tr', { hasText: users.student2.email });
    await revokedRow.getByText('Revoked').waitFor();
    const revocations = await db().collection('revocations').where('recordingId', '==', 'rec-new').get();
    assert.deepEqual(
      revocations.docs.map((d) => d.get('email')),
      [users.student2.email],
    );
    await screenshot(admin, 'admin-access');
  });

  it('shows storage against capacity with a per-meeting chart; saves the retention policy in Settings', async () => {
    await admin.goto('http://127.0.0.1:5000/#/storage');
    await admin.getByRole('img', { name: /Storage per meeting/ }).waitFor({ timeout: 20_000 });
    assert.equal(await admin.locator('svg.chart rect.bar').count(), 2);
    assert.match(
      (await admin.getByRole('img', { name: /Storage per meeting/ }).getAttribute('aria-label')) ?? '',
      /Cardiac cycle and heart sounds: 140 MB/,
    );
    assert.match(await admin.locator('#main').innerText(), /148 MB\s+of 50 GB capacity used/);
    // The monthly estimate: 148 MB and 32 min recorded in the last 30 days stay inside the free tier;
    // only the sweep's once-a-minute listing of the ingest bucket (43,200 Class A a month) does not.
    const cost = admin.locator('section[aria-labelledby="cost-title"]');
    assert.match(
      await cost.innerText(),
      /Monthly cost estimate\s+\$0\.[12]\d a month at list prices\.\s+Cloud Storage: operations\s+\$0\.[12]\d\s+Assumes/,
    );
    assert.match(
      await cost.innerText(),
      /Assumes 148 MB stored all month and the last 30 days repeated \(0\.5 h recorded, 0\.0 h watched\)/,
    );
    assert.equal(await admin.getByLabel('Keep recordings for').count(), 0, 'settings are not under Storage');
    await screenshot(admin, 'admin-storage');
    await admin.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    for (const name of ['Keep recordings for', 'Pause playback', 'Watermark new recordings']) {
      await admin.getByLabel(name).waitFor({ timeout: 20_000 });
    }
    await admin.getByLabel('Keep recordings for').selectOption('30');
    await admin.getByRole('button', { name: 'Save retention' }).click();
    await admin.getByRole('status').filter({ hasText: 'kept for 30 days' }).waitFor();
    assert.equal((await db().doc('settings/global').get()).get('retentionDays'), 30);
    await screenshot(admin, 'admin-settings');
  });

  it('saves the machine-captions mode in Settings and a course phrase list beside its captions; 44 px at 390 px; no axe violation', async () => {
    // Still in Settings (the test before): the mode is off until a school opts in.
    const mode = admin.getByLabel('Caption new recordings');
    assert.equal(await mode.inputValue(), 'off');
    await mode.selectOption('dynamic');
    await admin.getByRole('button', { name: 'Save captions setting' }).click();
    await admin.getByRole('status').filter({ hasText: 'captioned by machine: Dynamic Batch' }).waitFor();
    assert.equal((await db().doc('settings/global').get()).get('speechBatch'), 'dynamic');
    assert.deepEqual(await axeViolations(admin), []);

    await admin.setViewportSize({ width: 390, height: 844 });
    try {
      await admin.goto('http://127.0.0.1:5000/#/captions');
      await admin.getByLabel('Recording').selectOption('rec-new');
      const phrases = admin.getByLabel('Phrases for machine captions of this course, one a line');
      await phrases.waitFor({ timeout: 20_000 });
      await phrases.fill('Troponin\n  heparin  \n\nTROPONIN\nKussmaul breathing');
      const save = admin.getByRole('button', { name: 'Save phrases' });
      for (const target of [phrases, save]) {
        const box = await target.boundingBox();
        assert.ok(box && box.height >= 44 && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
      }
      await save.click();
      await admin.getByRole('status').filter({ hasText: 'Saved 3 phrases for machine captions.' }).waitFor();
      assert.equal(await phrases.inputValue(), 'Troponin\nheparin\nKussmaul breathing', 'shown back as stored');
      assert.deepEqual((await db().doc('meetings/meeting-cardio-101').get()).get('speechPhrases'), [
        'Troponin',
        'heparin',
        'Kussmaul breathing',
      ]);
      assert.deepEqual(await axeViolations(admin), []);
    } finally {
      await admin.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('lists alerts with the unread count and marks one read; the nav badge follows', async () => {
    const nav = admin.getByRole('navigation', { name: 'Sections' });
    // The badge, read out as "1 unread": an alert stored before the badge's document existed, so
    // the web app asked the API once and the server counted it.
    await nav.getByRole('link', { name: /^Alerts\s*1 unread$/ }).waitFor({ timeout: 20_000 });
    await admin.goto('http://127.0.0.1:5000/#/alerts');
    await admin.getByText('Recording crashed').waitFor({ timeout: 20_000 });
    assert.match(await admin.locator('#main').innerText(), /1\s+unread/);
    await screenshot(admin, 'admin-alerts');
    await admin.getByRole('button', { name: /^Mark read: / }).click();
    await admin.getByText(/0\s+unread/).waitFor();
    assert.equal((await db().doc('alerts/alert-crash').get()).get('read'), true);
    await nav.getByRole('link', { name: 'Alerts', exact: true }).waitFor({ timeout: 5_000 }); // no badge once all are read
  });

  it('the nav badge shows an alert raised meanwhile, pushed: no GET /api/alerts is sent', async () => {
    await admin.goto('http://127.0.0.1:5000/#/recordings');
    const nav = admin.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Alerts', exact: true }).waitFor({ timeout: 10_000 });
    const asked: string[] = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname.startsWith('/api/alerts')) asked.push(request.url());
    };
    admin.on('request', onRequest);
    try {
      // Raised the way the functions raise one (the same store call, against the same emulators).
      await raiseAlert({ kind: 'storage-threshold', message: 'Recordings use 85 % of the quota.' });
      await nav.getByRole('link', { name: /^Alerts\s*1 unread$/ }).waitFor({ timeout: 20_000 });
    } finally {
      admin.off('request', onRequest);
    }
    assert.deepEqual(asked, [], 'the badge moved without asking the API');
  });

  it('filters the audit log by action', async () => {
    await admin.goto('http://127.0.0.1:5000/#/audit');
    await admin.locator('.audit-table tbody tr').first().waitFor({ timeout: 20_000 });
    await admin.getByLabel('Action').selectOption('grant');
    await admin.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(
      async () => {
        const actions = await admin.locator('.audit-table tbody td[data-label="Action"]').allInnerTexts();
        return actions.length > 0 && actions.every((a) => a === 'grant');
      },
      10_000,
      'only grant entries',
    );
    const first = admin.locator('.audit-table tbody tr').first();
    assert.match(
      await first.locator('td[data-label="Who"]').innerText(),
      /^Ada Okafor \(a\*+n@lecturevault\.dev\)$/,
      'the admin by name, the email masked',
    );
    // The grant was on rec-new, which the retitling test above named.
    assert.equal(await first.locator('td[data-label="Recording"]').innerText(), 'Murmurs, demystified');
    await screenshot(admin, 'admin-audit');
  });

  it('picks the person and recording by name, and exports the filtered log as CSV with formulas defused', async () => {
    await db().doc('recordings/rec-new').update({ title: '=HYPERLINK("http://evil.example","open")' });
    // A select inside its label is named by the label and its chosen option ("Recording Any").
    const filters = admin.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByRole('combobox', { name: /^Person/ }).selectOption({ label: `${users.admin.name} (admin)` });
    await filters.getByRole('combobox', { name: /^Recording/ }).selectOption('rec-new');
    await admin.getByRole('button', { name: 'Apply filters' }).click();
    await admin
      .locator('.audit-table tbody td[data-label="Recording"]')
      .filter({ hasText: 'HYPERLINK' })
      .first()
      .waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^audit-log-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    assert.match(lines[0]!, /^time_utc,name,email_masked,user_id,action,outcome,recording_title,recording_id,/);
    assert.ok(lines.length > 1, 'the grant and revocation of rec-new');
    for (const line of lines.slice(1)) {
      assert.match(line, /,Ada Okafor,a\*+n@lecturevault\.dev,u-admin,/);
      assert.match(line, /,"'=HYPERLINK\(""http:\/\/evil\.example"",""open""\)",rec-new,/);
    }
    await admin
      .getByRole('status')
      .filter({ hasText: /^Exported \d+ entr/ })
      .waitFor();
    await db().doc('recordings/rec-new').update({ title: FieldValue.delete() });
  });

  it('verifies the audit log, names an edited entry, and shows refusals counted, not stored', async () => {
    // Three anonymous key requests from one network, as Google's front end forwards them.
    for (let i = 0; i < 3; i++)
      await (
        await fetch(`http://127.0.0.1:5000/api/play/nosuchsession${i}/key`, {
          headers: { 'x-forwarded-for': `6.6.6.6, 203.0.113.${i + 1}, 35.191.0.1` },
        })
      ).arrayBuffer();
    await admin.goto('http://127.0.0.1:5000/#/recordings');
    await admin.goto('http://127.0.0.1:5000/#/audit');
    await admin.getByText(/anonymous key denied from 203\.0\.113\.x: 3 in 10 min/).waitFor({ timeout: 20_000 });

    await admin.getByRole('button', { name: 'Verify audit log' }).click();
    const status = admin.locator('.audit-verification[role="status"]');
    await status.getByText(/entries verified, no broken link/).waitFor({ timeout: 20_000 });

    const grant = (await db().collection('auditLog').where('action', '==', 'grant').get()).docs[0]!;
    await grant.ref.update({ reason: 'someone-else@example.org' });
    await admin.getByRole('button', { name: 'Verify audit log' }).click();
    await status.getByText(/1 broken link in \d+ entries/).waitFor({ timeout: 20_000 });
    assert.match(
      await status.innerText(),
      new RegExp(`Entry ${grant.id} \\(day \\d{4}-\\d{2}-\\d{2}, shard \\d, #\\d+\\): content edited`),
    );
    await screenshot(admin, 'admin-audit-verify');
  });

  it('deletes a recording only after confirmation', async () => {
    await admin.goto('http://127.0.0.1:5000/#/recordings');
    await row('rec-old').getByRole('button', { name: 'Delete' }).click();
    const confirm = row('rec-old').getByRole('group', { name: 'Confirm delete' });
    await confirm.waitFor();
    assert.equal((await db().doc('recordings/rec-old').get()).exists, true, 'nothing deleted before confirming');
    await confirm.getByRole('button', { name: 'Yes, delete' }).click();
    await row('rec-old').waitFor({ state: 'detached', timeout: 20_000 });
    const after = await db().doc('recordings/rec-old').get();
    assert.ok(!after.exists || after.get('deletingAtMs'), 'deleted (or being deleted)');
  });

  it("shows a teacher only their meetings' recordings, without admin actions", async () => {
    const teacher = await browser.newPage();
    await signInThroughForm(teacher, users.teacher2.email, DEMO_PASSWORD, '#/recordings');
    await teacher.getByRole('heading', { name: /Cranial nerves in practice/ }).waitFor({ timeout: 20_000 });
    assert.equal(await teacher.locator('.meeting-group').count(), 1);
    assert.equal(await teacher.getByRole('button', { name: 'Delete' }).count(), 0);
    assert.equal(await teacher.getByRole('button', { name: 'Access' }).count(), 0);
    assert.equal(
      await teacher.getByRole('button', { name: 'Download' }).count(),
      0,
      'neuro-201 does not allow teacher downloads',
    );
    assert.equal(await teacher.getByRole('columnheader', { name: 'Size' }).count(), 0);
    await screenshot(teacher, 'teacher-recordings');
    await teacher.close();
  });

  it('keeps students out of the admin sections', async () => {
    const student = await browser.newPage();
    await signInThroughForm(student, users.student1.email, DEMO_PASSWORD, '#/storage');
    await student.getByRole('heading', { name: 'Not available' }).waitFor({ timeout: 20_000 });
    assert.equal(await student.getByRole('link', { name: 'Storage' }).count(), 0);
    await student.close();
  });
});
