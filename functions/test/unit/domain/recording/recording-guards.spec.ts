import assert from 'node:assert/strict';
import {
  aboveAlertThreshold,
  checkStartCapacity,
  freeBytes,
  storageCeiling,
} from '../../../../src/domain/recording/recording-guards';

const GB = 1024 ** 3;
const figures = { capacityBytes: 50 * GB, usedBytes: 10 * GB, safetyMarginBytes: 2 * GB };

describe('storage ceiling', () => {
  it('is the capacity, or the quota when an admin set one below it', () => {
    assert.equal(storageCeiling(figures), 50 * GB);
    assert.equal(storageCeiling({ ...figures, quotaBytes: 20 * GB }), 20 * GB);
    assert.equal(storageCeiling({ ...figures, quotaBytes: 80 * GB }), 50 * GB);
    assert.equal(storageCeiling({ ...figures, quotaBytes: 0 }), 50 * GB, 'a quota of 0 is no quota');
  });

  it('is what the free space, the start guard and the alert threshold all count against', () => {
    const withQuota = { ...figures, quotaBytes: 20 * GB };
    assert.equal(freeBytes(withQuota), 10 * GB);
    assert.equal(checkStartCapacity({ ...withQuota, usedBytes: 19 * GB }).ok, false);
    assert.equal(aboveAlertThreshold({ ...withQuota, usedBytes: 16 * GB }, 0.8), true);
    assert.equal(aboveAlertThreshold({ ...withQuota, usedBytes: 15.9 * GB }, 0.8), false);
    assert.equal(
      aboveAlertThreshold({ ...figures, usedBytes: 40 * GB }, 0.8),
      true,
      'at the threshold counts as above',
    );
  });
});
