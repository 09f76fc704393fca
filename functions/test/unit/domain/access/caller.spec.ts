import assert from 'node:assert/strict';
import { maskEmail, secondFactorSatisfied } from '../../../../src/domain/access/caller';

describe('second factor for admin actions (ADMIN_REQUIRE_MFA)', () => {
  it('is not asked for when the parameter is false', () => {
    assert.equal(secondFactorSatisfied(false, undefined), true);
  });

  it('refuses a password-only sign-in when required', () => {
    assert.equal(secondFactorSatisfied(true, undefined), false);
    assert.equal(secondFactorSatisfied(true, ''), false);
  });

  it('accepts a sign-in that completed a second factor (the token’s sign_in_second_factor claim)', () => {
    assert.equal(secondFactorSatisfied(true, 'phone'), true);
    assert.equal(secondFactorSatisfied(true, 'totp'), true);
  });
});

describe('the masked email of audit entries, logs and the watermark', () => {
  it('keeps the first and last letter of the name and the whole domain', () => {
    assert.equal(maskEmail('sam.patel@school.edu'), 's*******l@school.edu');
  });

  it('never shows a short name whole, nor anything of a string that is not an address', () => {
    assert.equal(maskEmail('al@school.edu'), 'a*@school.edu');
    assert.equal(maskEmail('no-at-sign'), '***');
    assert.equal(maskEmail('@school.edu'), '***');
  });
});
