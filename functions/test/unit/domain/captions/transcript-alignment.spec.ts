// Word error rate as speech recognition reports it: (S + D + I) / N after normalisation.
import assert from 'node:assert/strict';
import { alignWords, normaliseWords, wordErrorRate } from '../../../../src/domain/captions/transcript-alignment';

describe('transcript alignment', () => {
  it('counts substitutions, deletions and insertions against the reference', () => {
    const a = alignWords('we give aspirin and heparin'.split(' '), 'we give the aspirin and heparins'.split(' '));
    assert.deepEqual([a.substitutions, a.deletions, a.insertions], [1, 0, 1]);
    assert.equal(a.wordErrorRate, 2 / 5);
    assert.deepEqual(a.matches, [
      [0, 0],
      [1, 1],
      [2, 3],
      [3, 4],
    ]);
    assert.equal(alignWords(['a', 'b', 'c'], ['a']).deletions, 2);
  });

  it('ignores case and punctuation, splits hyphens, and handles empty texts', () => {
    assert.deepEqual(normaliseWords('Beta-blockers, the “heart” rate!'), ['beta', 'blockers', 'the', 'heart', 'rate']);
    assert.equal(wordErrorRate('Good morning, everyone.', 'good morning everyone'), 0);
    assert.equal(wordErrorRate('', ''), 0);
    assert.equal(wordErrorRate('', 'noise'), 1);
    assert.equal(wordErrorRate('one two', ''), 1);
  });
});
