// A recording's status in words.
import assert from 'node:assert/strict';
import { statusLabel } from '../../src/ui/recording-status';

describe('recording-status', () => {
  it('labels incomplete recordings with their reason', () => {
    assert.equal(statusLabel('incomplete', 'too-short'), 'Incomplete (stopped before 10 s)');
    assert.equal(statusLabel('failed', 'some-new-reason'), 'Failed (some new reason)');
    assert.equal(statusLabel('ready', 'limit-reached'), 'Ready');
  });
});
