import assert from 'node:assert/strict';
import {
  aboveAlertThreshold,
  canSeeMeeting,
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

describe('who may see a meeting', () => {
  const cardio = { id: 'm-cardio', teacherUid: 'u-t1', batchId: 'b-cardio' };
  const guestLecture = { id: 'm-guest', teacherUid: 'u-t1', batchId: null };
  const none = { memberOf: new Set<string>(), guestOf: new Set<string>() };
  const sees = (
    uid: string,
    role: 'admin' | 'teacher' | 'student',
    meeting: typeof cardio | typeof guestLecture,
    facts = none,
  ) => canSeeMeeting({ uid, role }, meeting, facts);

  it('admins all, teachers their own, students their batches’', () => {
    assert.equal(sees('u-a', 'admin', guestLecture), true);
    assert.equal(sees('u-t1', 'teacher', cardio), true);
    assert.equal(sees('u-t2', 'teacher', cardio), false);
    assert.equal(sees('u-s1', 'student', cardio, { ...none, memberOf: new Set(['b-cardio']) }), true);
    assert.equal(sees('u-s4', 'student', cardio, { ...none, memberOf: new Set(['b-neuro']) }), false);
  });

  it('its guests (a grant to one of its recordings), whatever their role; a batchless meeting to nobody else', () => {
    const guest = { ...none, guestOf: new Set(['m-guest']) };
    assert.equal(sees('u-s6', 'student', guestLecture, guest), true);
    assert.equal(sees('u-t2', 'teacher', guestLecture, guest), true);
    assert.equal(sees('u-s6', 'student', cardio, guest), false, 'a guest of one meeting only');
    assert.equal(sees('u-s1', 'student', guestLecture, { ...none, memberOf: new Set(['b-cardio']) }), false);
  });
});
