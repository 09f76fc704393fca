// The alerts inbox's pure rules: alert kinds in words, and which alerts open the Access page.
import assert from 'node:assert/strict';
import { alertKindLabel, opensAccess } from '../../../src/features/alerts/alerts-derive';

describe('alerts-derive', () => {
  it('labels alert kinds, unknown ones readably', () => {
    assert.equal(alertKindLabel('egress-failed'), 'Recording crashed');
    assert.equal(alertKindLabel('access-request'), 'Access request');
    assert.equal(alertKindLabel('something-new'), 'something new');
  });

  it('opens the Access page for a student’s request about one recording only', () => {
    assert.equal(opensAccess({ kind: 'access-request', recordingId: 'rec-1' }), true);
    assert.equal(opensAccess({ kind: 'access-request', recordingId: null }), false, 'a library request names none');
    assert.equal(opensAccess({ kind: 'egress-failed', recordingId: 'rec-1' }), false);
  });
});
