// Description cues read aloud: which cue to read as playback moves, and the reader's on/off.
import assert from 'node:assert/strict';
import { createDescriptionsReader, cueToSpeak } from '../../../src/features/player/descriptions';

const cues = [
  { startMs: 2_000, endMs: 5_000, text: 'A diagram of the heart.' },
  { startMs: 8_000, endMs: 12_000, text: 'The left ventricle is highlighted.' },
];

describe('descriptions read aloud', () => {
  it('reads each cue once as playback reaches it, never one already past', () => {
    assert.equal(cueToSpeak(cues, -1, 1), null, 'before the first');
    assert.equal(cueToSpeak(cues, -1, 2.1), 0);
    assert.equal(cueToSpeak(cues, 0, 3), null, 'already read');
    assert.equal(cueToSpeak(cues, 0, 6), null, 'between cues');
    assert.equal(cueToSpeak(cues, 0, 8), 1);
    assert.equal(cueToSpeak(cues, -1, 13), null, 'a seek past its end does not read it late');
    assert.equal(cueToSpeak(cues, 1, 2.5), 0, 'a seek back reads it again');
  });

  it('speaks only while on, in the track language, and stops when turned off', async () => {
    const said: string[] = [];
    let cancels = 0;
    const speech = { speak: (u: { text: string }) => void said.push(u.text), cancel: () => void cancels++ };
    const track = {
      lang: 'en',
      kind: 'descriptions',
      source: 'upload',
      status: 'reviewed',
      version: 1,
      updatedAtMs: 0,
      cueCount: 2,
    } as const;
    const reader = createDescriptionsReader(
      'rec-1',
      { track: () => Promise.resolve({ ...track, cues }) },
      speech as never,
      (text) => ({ text }) as never,
    );
    reader.load([track]);
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(reader.available.value, true);
    reader.follow(2.5);
    assert.deepEqual(said, [], 'off by default');
    reader.toggle();
    reader.follow(2.5);
    reader.follow(3);
    reader.follow(9);
    assert.deepEqual(said, ['A diagram of the heart.', 'The left ventricle is highlighted.']);
    reader.toggle();
    assert.ok(cancels >= 1, 'turning off stops the voice');
    reader.follow(2.5);
    assert.equal(said.length, 2);
  });
});
