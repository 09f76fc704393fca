// The transcript's cue at a moment, for engines that expose no caption track (caption-clock.ts).
import assert from 'node:assert/strict';
import { cueTextAt } from '../../../src/features/player/caption-clock';

describe('cueTextAt', () => {
  const cues = [
    { startMs: 1000, endMs: 4000, text: 'Good morning everyone' },
    { startMs: 4900, endMs: 8000, text: 'The patient presents' },
  ];
  it('is the cue whose span holds the moment, start included and end excluded', () => {
    assert.equal(cueTextAt(cues, 1), 'Good morning everyone');
    assert.equal(cueTextAt(cues, 3.999), 'Good morning everyone');
    assert.equal(cueTextAt(cues, 4.9), 'The patient presents');
  });
  it('is empty before, between and after the cues, and without cues', () => {
    for (const s of [0, 4, 4.5, 8, 60]) assert.equal(cueTextAt(cues, s), '', `${s} s`);
    assert.equal(cueTextAt([], 2), '');
  });
});
