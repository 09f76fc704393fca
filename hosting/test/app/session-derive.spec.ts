// Sign-in failures as people read them: a wrong password and an unknown address read the same.
import assert from 'node:assert/strict';
import { CREDENTIALS_REFUSED, describeAuthError } from '../../src/app/session-derive';

describe('describeAuthError', () => {
  it('gives a wrong password and an address without an account the identical message', () => {
    const messages = ['auth/wrong-password', 'auth/user-not-found', 'auth/invalid-credential'].map(describeAuthError);
    assert.deepEqual(messages, [CREDENTIALS_REFUSED, CREDENTIALS_REFUSED, CREDENTIALS_REFUSED]);
    assert.doesNotMatch(CREDENTIALS_REFUSED, /no .*account uses|not right/i);
  });
});
