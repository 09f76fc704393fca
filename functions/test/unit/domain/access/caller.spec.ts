import assert from 'node:assert/strict';
import { secondFactorSatisfied } from '../../../../src/domain/access/caller';

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
