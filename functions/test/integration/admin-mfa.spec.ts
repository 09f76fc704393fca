// ADMIN_REQUIRE_MFA as the web app sees it: GET /api/me's `secondFactorNeeded` (the console's
// banner) is set exactly when requireAdmin would refuse this sign-in, never for other roles or with
// the parameter off. In-process over the Firestore emulator, because the functions emulator runs
// with the parameter off (functions/.env); the browser side is e2e/admin-mfa.spec.ts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { profileForCaller, requireAdmin } from '../../src/services/access/role-gates';
import { Forbidden } from '../../src/errors';
import { auth, PROJECT, resetWorld } from '../kit/emulators';
import { DEMO_PASSWORD, users } from '../../../scripts/seed/world';

const SCRIPT = path.resolve(__dirname, '../../../scripts/admin-mfa.mjs');

/** `npm run admin-mfa -- …` against the Auth emulator (the child inherits FIREBASE_AUTH_EMULATOR_HOST). */
async function adminMfa(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, ...args, '--project', PROJECT]);
  return stdout;
}

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

describe('npm run admin-mfa (the Admin SDK steps of docs/admin-mfa.md, against the Auth emulator)', () => {
  const email = 'lost-phone@lecturevault.dev';
  before(async () => {
    await resetWorld();
    await auth().createUser({
      uid: 'u-lost-phone',
      email,
      password: DEMO_PASSWORD,
      emailVerified: false,
      multiFactor: { enrolledFactors: [{ factorId: 'phone', phoneNumber: '+15555550199', displayName: 'Old phone' }] },
    });
  });

  it('status shows verification and factors with the email masked; verify-email marks it verified', async () => {
    const before = await adminMfa('status', '--email', email);
    assert.match(before, /^l\*\*\*@lecturevault\.dev \(u-lost-phone\): email NOT verified; 1 second factor\(s\)/);
    assert.match(before, /"Old phone" phone/);
    assert.doesNotMatch(before, /lost-phone@/, 'no full email in the output');
    await adminMfa('verify-email', '--email', email);
    assert.equal((await auth().getUser('u-lost-phone')).emailVerified, true);
  });

  it('remove takes every second factor off the account of a lost phone and ends its sessions', async () => {
    const validBefore = Date.parse((await auth().getUser('u-lost-phone')).tokensValidAfterTime ?? '0');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Auth keeps whole seconds
    const out = await adminMfa('remove', '--email', email);
    assert.match(out, /removed 1 second factor\(s\) and ended their sessions/);
    const after = await auth().getUser('u-lost-phone');
    assert.equal(after.multiFactor?.enrolledFactors.length ?? 0, 0);
    assert.ok(Date.parse(after.tokensValidAfterTime ?? '0') > validBefore, 'refresh tokens revoked');
  });

  it('refuses a command it does not know, with the usage', async () => {
    await assert.rejects(adminMfa('wipe', '--email', email), /usage: npm run admin-mfa/);
  });
});
