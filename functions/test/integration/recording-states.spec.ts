// recordingStates/{meetingId}, the pushed state participants follow: written with every write that
// moves a recording (start, each transition, an undone start), never moved by a late event of an
// older recording. The API-level view (a real start and stop) is in recording-lifecycle.spec.ts.
import assert from 'node:assert/strict';
import { SYSTEM } from '../../src/domain/access/caller';
import type { Transition } from '../../src/domain/recording/recording-state';
import { applyTransition, discardStart, getRecording } from '../../src/store/recordings';
import { db, resetWorld } from '../kit/emulators';
import { createRecording } from '../kit/recordings';

const CARDIO = 'meeting-cardio-101';
const pushed = async (meetingId = CARDIO) => (await db().doc(`recordingStates/${meetingId}`).get()).data();
const move = (id: string, transition: Transition) =>
  applyTransition(id, () => transition, { nowMs: Date.now(), actor: SYSTEM });

describe('recordingStates: the pushed state follows the recording', function () {
  this.timeout(60_000);
  beforeEach(() => resetWorld());

  it('a start, each transition and the end are pushed in the same write', async () => {
    await createRecording('rec-a', { status: 'starting' });
    assert.deepEqual(
      [(await pushed())?.recordingId, (await pushed())?.status, (await pushed())?.startedAtMs],
      ['rec-a', 'starting', null],
    );
    await move('rec-a', { status: 'recording', startedAtMs: 1_000 });
    assert.deepEqual([(await pushed())?.status, (await pushed())?.startedAtMs], ['recording', 1_000]);
    await move('rec-a', { status: 'ready', endedAtMs: 2_000 });
    assert.equal((await pushed())?.status, 'ready');
  });

  it('a late event of an older recording does not overwrite the newer one', async () => {
    await createRecording('rec-old', { status: 'stopping' });
    await move('rec-old', { status: 'incomplete', reason: 'egress-lost' }); // frees the meeting
    await createRecording('rec-new', { status: 'recording', startedAtMs: 5_000 });
    assert.deepEqual([(await pushed())?.recordingId, (await pushed())?.status], ['rec-new', 'recording']);
    // A late transition of the old recording (a redelivered webhook after a restart, say).
    await move('rec-old', { status: 'failed', reason: 'egress-failed' });
    assert.equal((await getRecording('rec-old'))?.status, 'failed', 'the old recording itself moved');
    assert.deepEqual([(await pushed())?.recordingId, (await pushed())?.status], ['rec-new', 'recording']);
  });

  it('a start LiveKit refused, undone, leaves the meeting not recording', async () => {
    await createRecording('rec-refused', { status: 'starting' });
    const recording = (await getRecording('rec-refused'))!;
    await discardStart(recording);
    const idle = await pushed();
    assert.deepEqual([idle?.recordingId, idle?.status], [null, null]);
  });
});
