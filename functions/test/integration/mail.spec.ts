// Mail as documents for the Trigger Email extension (nothing is sent from the emulators): a lecture
// finalized → one `mail` document per student who may watch it, minus opt-outs and revocations;
// an alert → one per admin. Written once per cause and recipient, however often a trigger runs.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, eventually, resetWorld } from '../kit/emulators';
import { readyRecording } from '../kit/recordings';
import { raiseAlert } from '../../src/store/alerts';
import { notifyLectureReady } from '../../src/services/notifications/notifications';

type Mail = { to: string[]; message: { subject: string; text: string; html: string }; cause: string };
const mailOf = async (cause: string): Promise<Mail[]> =>
  (await db().collection('mail').where('cause', '==', cause).get()).docs.map((d) => d.data() as Mail);

describe('mail documents (firestore-send-email)', function () {
  this.timeout(120_000);
  let t: Awaited<ReturnType<typeof tokens>>;
  const tokens = () => tokensFor('admin', 'student1', 'student3');

  before(async () => {
    await resetWorld();
    t = await tokens();
  });

  it('a new lecture: its batch’s students, in the extension’s shape, minus an opt-out; a grant later adds only the grantee', async () => {
    const optOut = await callApi('/me/mail', { token: t.student3, method: 'PUT', body: { enabled: false } });
    assert.deepEqual([optOut.status, optOut.body], [200, { enabled: false }]);
    // The web app's checkbox starts from the profile: the choice shows there, and only for its owner.
    assert.equal(((await callApi('/me', { token: t.student3 })).body as { mailEnabled: unknown }).mailEnabled, false);
    assert.equal(((await callApi('/me', { token: t.student1 })).body as { mailEnabled: unknown }).mailEnabled, true);
    assert.equal(
      (await callApi('/me/mail', { token: t.student1, method: 'PUT', body: { enabled: 'no' } })).status,
      400,
    );
    await readyRecording('rec-mail');
    const mails = await eventually(async () => {
      const found = await mailOf('ready-rec-mail');
      return found.length >= 2 ? found : undefined;
    });
    assert.deepEqual(mails.map((m) => m.to[0]).sort(), ['student1@lecturevault.dev', 'student2@lecturevault.dev']);
    const [one] = mails;
    assert.equal(one!.message.subject, 'New lecture ready: Cardiac cycle and heart sounds');
    assert.match(one!.message.text, /\/#\/watch\/rec-mail/);
    assert.match(one!.message.html, /<a href="https:\/\/[^"]+\/#\/watch\/rec-mail">Watch it<\/a>/);

    assert.equal(
      (
        await callApi('/recordings/rec-mail/grants', {
          token: t.admin,
          method: 'POST',
          body: { email: 'student6@lecturevault.dev' },
        })
      ).status,
      201,
    );
    assert.equal(await notifyLectureReady('rec-mail'), 1, 'only the grantee is new');
    assert.equal(await notifyLectureReady('rec-mail'), 0, 'running again mails nobody twice');
    assert.equal((await mailOf('ready-rec-mail')).length, 3);
  });

  it('an alert: every admin, its text escaped in the HTML', async () => {
    await raiseAlert({ kind: 'storage', message: 'Storage <90%> used' });
    const mails = await eventually(async () => {
      const all = (await db().collection('mail').get()).docs.map((d) => d.data() as Mail);
      const found = all.filter((m) => m.cause.startsWith('alert-'));
      return found.length ? found : undefined;
    });
    assert.deepEqual(
      mails.map((m) => m.to[0]),
      ['admin@lecturevault.dev'],
    );
    assert.equal(mails[0]!.message.subject, 'LectureVault alert: storage');
    assert.match(mails[0]!.message.html, /Storage &lt;90%&gt; used/);
  });
});
