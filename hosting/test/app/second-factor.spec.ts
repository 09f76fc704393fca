// The sign-in's second step and its words: what a typed code must look like, which factor is
// asked for, what each Firebase refusal tells the person, and the otpauth:// URI for the app.
// Firebase itself is the port's business (a tiny fake here); the browser test drives the real one.
import assert from 'node:assert/strict';
import { AuthFailure } from '../../src/api/auth-failure';
import type { FactorInfo, SecondFactorChallenge } from '../../src/api/second-factor-port';
import {
  codeProblem,
  describeSecondFactorError,
  factorLabel,
  groupedSecret,
  normaliseCode,
  otpauthUri,
  preferredHint,
} from '../../src/app/second-factor-derive';
import { createSecondFactorStep } from '../../src/app/second-factor-step-model';

const totp: FactorInfo = {
  uid: 'f-totp',
  kind: 'totp',
  displayName: 'Pixel',
  phoneNumber: null,
  enrolledAt: '2026-12-01T10:00:00Z',
};
const phone: FactorInfo = {
  uid: 'f-phone',
  kind: 'phone',
  displayName: null,
  phoneNumber: '+*******0123',
  enrolledAt: '2026-12-01T10:00:00Z',
};

/** A pending sign-in whose verify answers as the test says, recording what it was given. */
function fakeChallenge(hints: FactorInfo[], answers: (Error | null)[] = []) {
  const calls: { kind: string; uid: string; code?: string }[] = [];
  const challenge: SecondFactorChallenge = {
    hints,
    async sendCode(hint) {
      calls.push({ kind: 'send', uid: hint.uid });
    },
    async verify(hint, code) {
      calls.push({ kind: 'verify', uid: hint.uid, code });
      const answer = answers.shift();
      if (answer) throw answer;
    },
  };
  return { challenge, calls };
}

describe('second factor: the typed code', () => {
  it('accepts six digits, with the spaces or dashes some apps show', () => {
    assert.equal(normaliseCode(' 123 456 '), '123456');
    assert.equal(normaliseCode('123-456'), '123456');
    assert.equal(codeProblem('123456'), null);
  });

  it('says what is wrong with a code before Firebase sees it', () => {
    assert.equal(codeProblem(''), 'Enter the 6-digit code.');
    assert.equal(codeProblem('12345'), 'The code has 6 digits; you typed 5.');
    assert.equal(codeProblem('12a456'), 'The code is digits only.');
    assert.equal(codeProblem('1234567', 8), 'The code has 8 digits; you typed 7.');
  });
});

describe('second factor: the sign-in step', () => {
  it('asks for the authenticator app when the account has one, and a text message only where one can be sent', () => {
    assert.equal(preferredHint([phone, totp], false), totp);
    assert.equal(preferredHint([phone], true), phone);
    assert.equal(preferredHint([phone], false), phone, 'then the step explains it is not offered');
    assert.equal(preferredHint([], false), null);
  });

  it('sends a well-formed code to Firebase once, and a malformed one never', async () => {
    const { challenge, calls } = fakeChallenge([totp]);
    const step = createSecondFactorStep(challenge, false);
    step.setCode('12345');
    await step.submit();
    assert.equal(step.error.value, 'The code has 6 digits; you typed 5.');
    assert.equal(calls.length, 0, 'a typo costs none of the attempts Firebase allows');
    step.setCode('123 456');
    await step.submit();
    assert.deepEqual(calls, [{ kind: 'verify', uid: 'f-totp', code: '123456' }]);
    assert.equal(step.error.value, null);
  });

  it('explains a wrong code and lets the person try again; too many attempts says to wait', async () => {
    const { challenge } = fakeChallenge(
      [totp],
      [new AuthFailure('auth/invalid-verification-code', 'x'), new AuthFailure('auth/too-many-requests', 'x')],
    );
    const step = createSecondFactorStep(challenge, false);
    step.setCode('000000');
    await step.submit();
    assert.match(step.error.value ?? '', /^That code is not right\. .*clock/);
    assert.equal(step.finished.value, false);
    await step.submit();
    assert.equal(step.error.value, 'Too many attempts. Wait a few minutes, then sign in again.');
    assert.equal(step.busy.value, false);
  });

  it('an expired pending sign-in ends the step: only "start again" is left', async () => {
    const { challenge, calls } = fakeChallenge([totp], [new AuthFailure('auth/invalid-multi-factor-session', 'x')]);
    const step = createSecondFactorStep(challenge, false);
    step.setCode('123456');
    await step.submit();
    assert.equal(step.finished.value, true);
    assert.equal(step.error.value, 'This sign-in has expired. Start again with your password.');
    await step.submit();
    assert.equal(calls.length, 1, 'nothing more is sent');
  });

  it('a text-message factor in a production build is refused in words, and nothing is sent', async () => {
    const { challenge, calls } = fakeChallenge([phone]);
    const step = createSecondFactorStep(challenge, false);
    assert.equal(step.finished.value, true);
    assert.match(step.error.value ?? '', /does not offer \(only authenticator apps\)/);
    await step.sendCode();
    assert.equal(calls.length, 0);
  });

  it('a text-message factor (emulator builds) sends the code first, then verifies it', async () => {
    const { challenge, calls } = fakeChallenge([phone]);
    const step = createSecondFactorStep(challenge, true);
    assert.equal(step.needsSending.value, true);
    await step.sendCode();
    assert.equal(step.needsSending.value, false);
    step.setCode('654321');
    await step.submit();
    assert.deepEqual(
      calls.map((call) => call.kind),
      ['send', 'verify'],
    );
  });
});

describe('second factor: names and words', () => {
  it('names a factor by what the person called it and its kind', () => {
    assert.equal(factorLabel(totp), 'Pixel (authenticator app)');
    assert.equal(factorLabel(phone), '+*******0123 (text message)');
    assert.equal(factorLabel({ ...totp, displayName: null }), 'Authenticator app');
  });

  it('has words for every refusal the steps can meet, and a fallback', () => {
    for (const code of [
      'auth/invalid-verification-code',
      'auth/too-many-requests',
      'auth/requires-recent-login',
      'auth/unverified-email',
      'auth/operation-not-allowed',
      'auth/network-request-failed',
    ]) {
      assert.notEqual(describeSecondFactorError(code), describeSecondFactorError('unknown'), code);
    }
    assert.equal(
      describeSecondFactorError('auth/something-new'),
      'That did not work (auth/something-new). Please try again.',
    );
    assert.equal(describeSecondFactorError('unknown'), 'That did not work. Please try again.');
    assert.match(describeSecondFactorError('auth/invalid-verification-code', 'phone'), /newest text message/);
  });
});

describe('second factor: the authenticator app setup', () => {
  it('builds an otpauth:// URI an app reads back: label, issuer and parameters encoded', () => {
    const uri = otpauthUri({
      secretKey: 'JBSWY3DPEHPK3PXP',
      account: 'ada+admin@school.example',
      issuer: 'LectureVault & Co',
      algorithm: 'SHA1',
      digits: 6,
      periodSeconds: 30,
    });
    assert.ok(uri.startsWith('otpauth://totp/LectureVault%20%26%20Co:ada%2Badmin%40school.example?'), uri);
    const query = new URLSearchParams(uri.slice(uri.indexOf('?') + 1));
    assert.equal(query.get('secret'), 'JBSWY3DPEHPK3PXP');
    assert.equal(query.get('issuer'), 'LectureVault & Co');
    assert.equal(query.get('algorithm'), 'SHA1');
    assert.equal(query.get('digits'), '6');
    assert.equal(query.get('period'), '30');
    assert.doesNotMatch(uri, /\+/, 'spaces are %20: some apps read + literally');
  });

  it('shows the key in groups of four', () => {
    assert.equal(groupedSecret('JBSWY3DPEHPK3PXP'), 'JBSW Y3DP EHPK 3PXP');
    assert.equal(groupedSecret('ABCDEF'), 'ABCD EF');
  });
});
