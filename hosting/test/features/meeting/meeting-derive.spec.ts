// The meeting page's pure rules: live timer, Force Stop offer, refusals, consent.
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http-api';
import type { LiveRecording } from '../../../src/api/meetings-api';
import {
  consentNeeded,
  describeStartRefusal,
  forceStopOffered,
  liveElapsedSeconds,
} from '../../../src/features/meeting/meeting-derive';

const rec = (over: Partial<LiveRecording> = {}): LiveRecording => ({
  id: 'rec-1',
  status: 'recording',
  elapsedSeconds: 60,
  stopRequestedAtMs: null,
  forceStopAvailable: false,
  reason: null,
  ...over,
});

describe('meeting-derive', () => {
  it('advances the timer by the local clock only while recording', () => {
    assert.equal(liveElapsedSeconds(rec(), 10_000, 13_500), 63);
    assert.equal(liveElapsedSeconds(rec({ status: 'stopping' }), 10_000, 13_500), 60);
  });

  it('offers Force Stop after 30 s of stopping, or when the server says so', () => {
    const stopping = rec({ status: 'stopping' });
    assert.equal(forceStopOffered(stopping, 1_000, 30_999), false);
    assert.equal(forceStopOffered(stopping, 1_000, 31_000), true);
    assert.equal(forceStopOffered(rec({ status: 'stopping', forceStopAvailable: true }), null, 0), true);
    assert.equal(forceStopOffered(rec(), 1_000, 99_000), false, 'never while still recording');
  });

  it('turns an empty-room refusal into a confirmation and others into their message', () => {
    assert.deepEqual(describeStartRefusal(new ApiError(409, 'empty-room', 'Nobody is in the room yet.')), {
      kind: 'confirm-empty-room',
    });
    assert.deepEqual(
      describeStartRefusal(new ApiError(409, 'recording-in-progress', 'A recording is already in progress.')),
      {
        kind: 'message',
        text: 'A recording is already in progress.',
      },
    );
    assert.equal(describeStartRefusal(new Error('boom')).kind, 'message');
  });

  it('asks for consent once per live recording', () => {
    assert.equal(consentNeeded(rec(), new Set()), true);
    assert.equal(consentNeeded(rec({ status: 'starting' }), new Set()), true);
    assert.equal(consentNeeded(rec(), new Set(['rec-1'])), false);
    assert.equal(consentNeeded(rec({ status: 'ready' }), new Set()), false);
    assert.equal(consentNeeded(null, new Set()), false);
  });
});
