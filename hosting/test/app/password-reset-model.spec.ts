// Password reset: the link's code read from the page's query, one answer for every address, and the
// code forgotten once used.
import assert from 'node:assert/strict';
import { AuthFailure } from '../../src/api/auth-failure';
import { createPasswordResetModel, resetCodeFrom } from '../../src/app/password-reset-model';

describe('password reset model', () => {
  it('reads the code of a reset link only', () => {
    assert.equal(resetCodeFrom('?mode=resetPassword&oobCode=abc&apiKey=k&lang=en'), 'abc');
    assert.equal(resetCodeFrom('?mode=verifyEmail&oobCode=abc'), null);
    assert.equal(resetCodeFrom('?mode=resetPassword'), null);
    assert.equal(resetCodeFrom(''), null);
  });

  it('answers "sent" whatever the port did with the address, and shows a refusal in words', async () => {
    const asked: string[] = [];
    const model = createPasswordResetModel(
      {
        sendPasswordReset: async (email) => {
          asked.push(email);
          if (email === 'bad') throw new AuthFailure('auth/invalid-email', 'x');
        },
        resetPassword: async () => 'x',
      },
      null,
    );
    model.open();
    await model.request('  nobody@school.edu ');
    assert.deepEqual([model.view.value, asked], ['sent', ['nobody@school.edu']]);
    model.open();
    await model.request('bad');
    assert.equal(model.view.value, 'request');
    assert.match(model.error.value!, /email address/);
  });

  it('sets the password with the link’s code, then forgets the code', async () => {
    let forgotten = 0;
    const calls: string[][] = [];
    const model = createPasswordResetModel(
      {
        sendPasswordReset: async () => undefined,
        resetPassword: async (code, password) => {
          calls.push([code, password]);
          return 'ana@school.edu';
        },
      },
      'code-1',
      () => forgotten++,
    );
    assert.equal(model.view.value, 'set');
    await model.setPassword('new-secret');
    assert.deepEqual(calls, [['code-1', 'new-secret']]);
    assert.deepEqual([model.view.value, model.doneEmail.value, forgotten], ['done', 'ana@school.edu', 1]);
  });
});
