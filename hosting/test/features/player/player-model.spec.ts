// The player model's methods are closures: a component may hand them around destructured.
import assert from 'node:assert/strict';
import { createPlayerModel, type PlayerPort } from '../../../src/features/player/player-model';

const port: PlayerPort = {
  api: {
    openSession: () => Promise.reject(new Error('not in this test')),
    heartbeat: () => Promise.reject(new Error('not in this test')),
  },
  idToken: async () => null,
  loadHls: () => Promise.reject(new Error('not in this test')),
  resume: { get: () => null, set: () => undefined },
};

describe('player model', () => {
  it('works with its methods destructured (no this)', () => {
    const { startOver, skip, seek, togglePlay, stepRate, setRate, setVolume, toggleMute, resume, resumedFrom, phase } =
      createPlayerModel('rec-1', port);
    for (const method of [
      startOver,
      () => skip(10),
      () => seek(5),
      togglePlay,
      () => stepRate(1),
      () => setRate(2),
      () => setVolume(0.5),
      toggleMute,
      resume,
    ]) {
      assert.doesNotThrow(method);
    }
    assert.equal(resumedFrom.value, null);
    assert.equal(phase.value, 'opening');
  });
});
