// ADMIN_REQUIRE_MFA as the web app sees it: GET /api/me's `secondFactorNeeded` (the console's
// banner) is set exactly when requireAdmin would refuse this sign-in, never for other roles or with
// the parameter off. In-process over the Firestore emulator, because the functions emulator runs
// with the parameter off (functions/.env); the browser side is e2e/admin-mfa.spec.ts.
import assert from 'node:assert/strict';
import { profileForCaller, requireAdmin } from '../../src/services/access/role-gates';
import { Forbidden } from '../../src/errors';
import { resetWorld } from '../kit/emulators';
import { users } from '../../../scripts/seed/world';

async function refusedForSecondFactor(uid: string, secondFactor?: string): Promise<boolean> {
  try {
    await requireAdmin({ uid, ...(secondFactor ? { secondFactor } : {}) }, 'test-admin-action');
    return false;
  } catch (error) {
    if (error instanceof Forbidden && error.code === 'second-factor-required') return true;
    throw error;
  }
}

describe('ADMIN_REQUIRE_MFA: /api/me tells an admin what requireAdmin will do', () => {
  const saved = process.env['ADMIN_REQUIRE_MFA'];
  before(() => resetWorld());
  afterEach(() => {
    if (saved === undefined) delete process.env['ADMIN_REQUIRE_MFA'];
    else process.env['ADMIN_REQUIRE_MFA'] = saved;
  });

  it('on: an admin without a second factor is told, and refused; with one (totp or phone), neither', async () => {
    process.env['ADMIN_REQUIRE_MFA'] = 'true';
    const bare = await profileForCaller({ uid: users.admin.uid });
    assert.equal(bare.secondFactorNeeded, true);
    assert.equal(await refusedForSecondFactor(users.admin.uid), true);
    for (const factor of ['totp', 'phone']) {
      const strong = await profileForCaller({ uid: users.admin.uid, secondFactor: factor });
      assert.equal('secondFactorNeeded' in strong, false, factor);
      assert.equal(await refusedForSecondFactor(users.admin.uid, factor), false, factor);
    }
  });

  it('on: teachers and students are never told (they have no admin actions to lose)', async () => {
    process.env['ADMIN_REQUIRE_MFA'] = 'true';
    for (const who of [users.teacher1, users.student1]) {
      assert.equal('secondFactorNeeded' in (await profileForCaller({ uid: who.uid })), false, who.uid);
    }
  });

  it('off: nobody is told, and admins are not refused', async () => {
    process.env['ADMIN_REQUIRE_MFA'] = 'false';
    assert.equal('secondFactorNeeded' in (await profileForCaller({ uid: users.admin.uid })), false);
    assert.equal(await refusedForSecondFactor(users.admin.uid), false);
  });
});
