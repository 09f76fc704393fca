// Which Storage failures ingest tries again: dropped connections and 429/5xx, never a refusal.
import assert from 'node:assert/strict';
import { isTransientStorageError, retryTransientStorage } from '../../../src/store/firebase';

describe('isTransientStorageError', () => {
  it('takes a dropped connection or a 429/5xx as worth trying again', () => {
    const hangUp = Object.assign(new Error('request to http://127.0.0.1:9199/b/x/o/y failed, reason: socket hang up'), {
      code: 'ECONNRESET',
    });
    assert.equal(isTransientStorageError(hangUp), true);
    assert.equal(isTransientStorageError(new Error('request failed, reason: socket hang up')), true);
    for (const code of [429, 500, 503]) assert.equal(isTransientStorageError({ code }), true, String(code));
  });

  it('never a refusal, a missing object, a failed precondition or a bug', () => {
    for (const code of [400, 403, 404, 412]) assert.equal(isTransientStorageError({ code }), false, String(code));
    assert.equal(isTransientStorageError(new TypeError('x is undefined')), false);
    assert.equal(isTransientStorageError(undefined), false);
  });
});

describe('retryTransientStorage', () => {
  const hangUp = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

  it('runs the work again after each delay while Storage drops the connection, then gives up', async () => {
    let runs = 0;
    assert.equal(
      await retryTransientStorage(async () => (++runs < 3 ? Promise.reject(hangUp()) : 'done'), [0, 0]),
      'done',
    );
    assert.equal(runs, 3);
    runs = 0;
    await assert.rejects(
      retryTransientStorage(async () => (runs++, Promise.reject(hangUp())), [0, 0]),
      /socket hang up/,
    );
    assert.equal(runs, 3, 'once, then once after each delay');
  });

  it('never runs again after a failure that is not transient', async () => {
    let runs = 0;
    await assert.rejects(retryTransientStorage(async () => (runs++, Promise.reject({ code: 403 })), [0, 0]));
    assert.equal(runs, 1);
  });
});
