// Resume where you left off: one saved position per viewer and recording, whole seconds, and a
// storage that refuses writes never breaks playback.
import assert from 'node:assert/strict';
import { localResumeStore } from '../../../src/features/player/resume-store';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('resume store', () => {
  it('keeps one position per viewer and recording, in whole seconds', () => {
    const storage = memoryStorage();
    const mine = localResumeStore('u1', 'rec-1', storage);
    assert.equal(mine.get(), null);
    mine.set(754.9);
    assert.equal(mine.get(), 754);
    assert.equal(localResumeStore('u2', 'rec-1', storage).get(), null);
    assert.equal(localResumeStore('u1', 'rec-2', storage).get(), null);
  });

  it('ignores a full or disabled storage', () => {
    const store = localResumeStore('u1', 'rec-1', {
      getItem: () => 'garbage',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    assert.doesNotThrow(() => store.set(12));
    assert.equal(store.get(), null);
  });
});
