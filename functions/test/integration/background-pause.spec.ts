// The player's tab-switch policy as an admin setting: the default pauses on a hidden tab but not on
// a blur; an admin changes it (audited), the storage page and every new playback session carry it;
// anyone else, and any value the domain does not know, is refused and changes nothing.
import assert from 'node:assert/strict';
import { callApi, tokensFor } from '../kit/api';
import { db, resetWorld } from '../kit/emulators';
import { readyRecording } from '../kit/recordings';

describe('the tab-switch pause setting', function () {
  this.timeout(120_000);
  let tokens: Record<'admin' | 'teacher1' | 'student1', string>;

  before(async () => {
    await resetWorld();
    await readyRecording('rec-pause');
    tokens = await tokensFor('admin', 'teacher1', 'student1');
  });

  const sessionPolicy = async () =>
    (
      await callApi<{ backgroundPause: string }>('/recordings/rec-pause/sessions', {
        token: tokens.student1,
        method: 'POST',
        body: {},
      })
    ).body.backgroundPause;

  it('defaults to pausing on a hidden tab only, and the session tells the player', async () => {
    assert.equal(await sessionPolicy(), 'hidden');
    const storage = await callApi<{ backgroundPause: string }>('/storage', { token: tokens.admin });
    assert.equal(storage.body.backgroundPause, 'hidden');
  });

  it('an admin sets it (audited); new sessions carry it', async () => {
    const set = await callApi('/settings/background-pause', {
      token: tokens.admin,
      method: 'PUT',
      body: { policy: 'hidden-or-blur' },
    });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body, { backgroundPause: 'hidden-or-blur' });
    assert.equal(await sessionPolicy(), 'hidden-or-blur');
    const audit = (
      await db().collection('auditLog').where('action', '==', 'set-background-pause').where('outcome', '==', 'ok').get()
    ).docs;
    assert.deepEqual(
      audit.map((d) => [d.get('uid'), d.get('reason')]),
      [['u-admin', 'hidden-or-blur']],
    );
  });

  it('refuses a teacher or student (403) and an unknown value (400), changing nothing', async () => {
    for (const who of ['teacher1', 'student1'] as const) {
      const reply = await callApi('/settings/background-pause', {
        token: tokens[who],
        method: 'PUT',
        body: { policy: 'off' },
      });
      assert.equal(reply.status, 403, who);
      assert.ok(reply.body.error?.code, 'our JSON error shape');
    }
    for (const body of [{ policy: 'sometimes' }, { policy: 1 }, {}, []]) {
      const reply = await callApi('/settings/background-pause', { token: tokens.admin, method: 'PUT', body });
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.equal(reply.body.error?.code, 'invalid-argument');
    }
    assert.equal((await db().doc('settings/global').get()).get('backgroundPause'), 'hidden-or-blur');
    assert.equal(await sessionPolicy(), 'hidden-or-blur');
  });
});
