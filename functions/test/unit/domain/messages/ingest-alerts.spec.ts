import assert from 'node:assert/strict';
import { segmentFailureMessage } from '../../../../src/domain/messages/ingest-alerts';

const failure = { recordingId: 'rec-1', meetingId: 'meeting-1', seq: 12, attempts: 4 };
const storage = { usedBytes: 49.5 * 1024 ** 3, ceilingBytes: 50 * 1024 ** 3 };

describe('segment failure alerts', () => {
  it('say which recording, which segment and why', () => {
    assert.equal(
      segmentFailureMessage({ ...failure, reason: 'No such object' }, storage),
      'Segment 12 of recording rec-1 (meeting meeting-1) could not be stored after 4 attempts: No such object. The raw upload was kept.',
    );
  });

  it('add the storage figures when storage itself refused (quota, permission)', () => {
    for (const reason of ['429 rateLimitExceeded: quota exceeded', 'HTTP 403 Forbidden: permission denied']) {
      assert.match(segmentFailureMessage({ ...failure, reason }, storage), /Storage in use: 50 GB of 50 GB\.$/);
    }
  });
});
