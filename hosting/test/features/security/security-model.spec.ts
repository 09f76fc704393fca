// Security (admins): adding an authenticator app (secret shown, code confirmed), listing and
// removing factors, against a tiny fake of the second-factor port (the browser test drives
// Firebase's own, as far as the Auth emulator goes).
import assert from 'node:assert/strict';
import { AuthFailure } from '../../../src/api/auth-failure';
import type { FactorInfo, SecondFactorPort, TotpSetup } from '../../../src/api/second-factor-port';
import { createSecurityModel } from '../../../src/features/security/security-model';
import { navForRole, resolveSection } from '../../../src/shell/nav-derive';

function fakePort(options: { confirmFails?: AuthFailure[]; startFails?: AuthFailure } = {}) {
  const factors: FactorInfo[] = [];
  const confirmed: { code: string; name: string }[] = [];
  let changes = 0;
  const port: SecondFactorPort = {
    challenge: () => {
      throw new Error('not used here');
    },
    enrolled: () => [...factors],
    async startTotp(): Promise<TotpSetup> {
      if (options.startFails) throw options.startFails;
      return {
        secretKey: 'JBSWY3DPEHPK3PXP',
        hashingAlgorithm: 'SHA1',
        codeLength: 6,
        intervalSeconds: 30,
        deadline: '2026-12-05T05:00:00Z',
        async confirm(code, name) {
          const failure = options.confirmFails?.shift();
          if (failure) throw failure;
          confirmed.push({ code, name });
          factors.push({
            uid: `f${factors.length}`,
            kind: 'totp',
            displayName: name,
            phoneNumber: null,
            enrolledAt: '2026-12-05T04:30:00Z',
          });
        },
      };
    },
    async unenroll(uid) {
      const at = factors.findIndex((factor) => factor.uid === uid);
      if (at < 0) throw new AuthFailure('auth/multi-factor-info-not-found', 'x');
      factors.splice(at, 1);
    },
  };
  const model = createSecurityModel({
    port: async () => port,
    account: 'admin@school.example',
    issuer: 'LectureVault',
    onChanged: async () => {
      changes++;
    },
  });
  return { model, confirmed, changes: () => changes };
}

describe('security model (second factors)', () => {
  it('adds an authenticator app: key and URI shown, a code confirms it, the profile is refreshed', async () => {
    const { model, confirmed, changes } = fakePort();
    await model.load();
    assert.deepEqual(model.factors.value, []);
    await model.startSetup();
    const setup = model.setup.value!;
    assert.equal(setup.groupedKey, 'JBSW Y3DP EHPK 3PXP');
    assert.match(setup.uri, /^otpauth:\/\/totp\/LectureVault:admin%40school\.example\?secret=JBSWY3DPEHPK3PXP&/);
    model.setCode('12 34 56');
    model.setDeviceName('  Work phone ');
    await model.confirmSetup();
    assert.deepEqual(confirmed, [{ code: '123456', name: 'Work phone' }]);
    assert.equal(model.setup.value, null);
    assert.equal(model.factors.value?.length, 1);
    assert.match(model.notice.value, /^Work phone added\./);
    assert.equal(changes(), 1);
  });

  it('a wrong code keeps the setup open with the reason; a short code never reaches Firebase', async () => {
    const { model, confirmed } = fakePort({ confirmFails: [new AuthFailure('auth/invalid-verification-code', 'x')] });
    await model.startSetup();
    model.setCode('123');
    await model.confirmSetup();
    assert.equal(model.error.value, 'The code has 6 digits; you typed 3.');
    model.setCode('000000');
    await model.confirmSetup();
    assert.match(model.error.value ?? '', /^That code is not right/);
    assert.ok(model.setup.value, 'the same secret stays on screen for the next code');
    model.setCode('123456');
    await model.confirmSetup();
    assert.equal(confirmed.length, 1);
    assert.equal(model.error.value, null);
  });

  it('a project without TOTP turned on says so instead of failing silently', async () => {
    const { model } = fakePort({ startFails: new AuthFailure('auth/operation-not-allowed', 'x') });
    await model.startSetup();
    assert.equal(model.setup.value, null);
    assert.match(model.error.value ?? '', /not turned on for this project.*docs\/admin-mfa\.md/);
  });

  it('removes a factor after confirmation and refreshes the profile', async () => {
    const { model, changes } = fakePort();
    await model.startSetup();
    model.setCode('123456');
    await model.confirmSetup();
    const [factor] = model.factors.value!;
    model.askRemoval(factor!.uid);
    assert.equal(model.confirmingRemoval.value, factor!.uid);
    await model.remove(factor!.uid);
    assert.deepEqual(model.factors.value, []);
    assert.equal(model.confirmingRemoval.value, null);
    assert.equal(model.notice.value, 'Second factor removed.');
    assert.equal(changes(), 2);
  });
});

describe('Security section', () => {
  it('is an admin section only (teachers and students have no admin actions to protect)', () => {
    assert.ok(navForRole('admin').some((item) => item.section === 'security'));
    assert.deepEqual(resolveSection('teacher', 'security'), { kind: 'forbidden' });
    assert.deepEqual(resolveSection('student', 'security'), { kind: 'forbidden' });
  });
});
