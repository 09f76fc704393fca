// The alerts inbox's pure rules: alert kinds in words.
import assert from 'node:assert/strict';
import { alertKindLabel } from '../../../src/features/alerts/alerts-derive';

describe('alerts-derive', () => {
  it('labels alert kinds, unknown ones readably', () => {
    assert.equal(alertKindLabel('egress-failed'), 'Recording crashed');
    assert.equal(alertKindLabel('something-new'), 'something new');
  });
});
