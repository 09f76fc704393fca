// The recordings console's pure rules: grouping by meeting.
import assert from 'node:assert/strict';
import type { RecordingSummary } from '../../../src/api/recordings-api';
import { groupByMeeting } from '../../../src/features/recordings/recordings-derive';

const rec = (id: string, meetingId: string, createdAtMs: number): RecordingSummary => ({
  id,
  meetingId,
  title: meetingId.toUpperCase(),
  status: 'ready',
  createdAtMs,
  durationSeconds: 60,
  reason: null,
  storedBytes: null,
  canDownload: false,
  expiresAtMs: null,
  expiryOverrideMs: null,
  progress: null,
  description: null,
  hasPoster: false,
});

describe('recordings-derive', () => {
  it('groups recordings by meeting, the most recently recorded meeting first, rows newest first', () => {
    const groups = groupByMeeting([rec('a1', 'a', 1), rec('b1', 'b', 5), rec('a2', 'a', 9)]);
    assert.deepEqual(
      groups.map((g) => [g.meetingId, g.recordings.map((r) => r.id)]),
      [
        ['a', ['a2', 'a1']],
        ['b', ['b1']],
      ],
    );
  });
});
