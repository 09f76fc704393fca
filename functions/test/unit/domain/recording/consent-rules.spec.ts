import assert from 'node:assert/strict';
import { consentStatus, mergePresence } from '../../../../src/domain/recording/consent-rules';

describe('consent ledger', () => {
  it('turns an answer (or none) into a status', () => {
    assert.equal(consentStatus({ answer: 'continue', joinedAtMs: 1 }), 'acknowledged');
    assert.equal(consentStatus({ answer: 'leave', joinedAtMs: 1 }), 'left');
    assert.equal(consentStatus({ answer: null, joinedAtMs: 1 }), 'never-answered');
    assert.equal(consentStatus({}), 'never-answered');
  });

  it('keeps the first join and the last leave, whatever order or how often events arrive', () => {
    let held = mergePresence({}, { kind: 'present', atMs: 200 });
    assert.deepEqual(held, { joinedAtMs: 200, leftAtMs: null });
    held = mergePresence(held, { kind: 'present', atMs: 100 }); // the start's snapshot, written late
    assert.deepEqual(held, { joinedAtMs: 100, leftAtMs: null });
    held = mergePresence(held, { kind: 'left', atMs: 500 });
    assert.deepEqual(mergePresence(held, { kind: 'left', atMs: 500 }), held, 'a redelivered leave changes nothing');
    assert.deepEqual(
      mergePresence(held, { kind: 'present', atMs: 300 }),
      held,
      'a late, earlier join does not undo the leave',
    );
    assert.deepEqual(
      mergePresence(held, { kind: 'present', atMs: 600 }),
      { joinedAtMs: 100, leftAtMs: null },
      'back in',
    );
    assert.deepEqual(mergePresence({}, { kind: 'left', atMs: 50 }), { joinedAtMs: 50, leftAtMs: 50 });
  });
});
