import assert from 'node:assert/strict';
import {
  defaultLectureTitle,
  lectureDay,
  lectureSeconds,
  lectureTitle,
} from '../../../../src/domain/recording/lecture-identity';

describe('lecture identity', () => {
  // 23:30 UTC on 3 Dec is already 4 Dec in Sydney and still 3 Dec in London.
  const lateOn3Dec = Date.UTC(2026, 11, 3, 23, 30);

  it('numbers a lecture within its meeting and dates it in the school’s time zone', () => {
    assert.equal(defaultLectureTitle(3, lateOn3Dec, 'Europe/London'), 'Lecture 3 · 3 Dec');
    assert.equal(defaultLectureTitle(3, lateOn3Dec, 'Australia/Sydney'), 'Lecture 3 · 4 Dec');
    assert.equal(lectureDay(lateOn3Dec, 'Not/AZone'), '3 Dec');
    assert.equal(lectureDay(lateOn3Dec, ''), '3 Dec');
  });

  it('prefers the title staff gave, then the number, then the meeting’s title', () => {
    const base = { createdAtMs: lateOn3Dec };
    assert.equal(lectureTitle({ ...base, title: 'Murmurs', lectureNumber: 2 }, 'Cardio', 'UTC'), 'Murmurs');
    assert.equal(lectureTitle({ ...base, lectureNumber: 2 }, 'Cardio', 'UTC'), 'Lecture 2 · 3 Dec');
    assert.equal(lectureTitle(base, 'Cardio', 'UTC'), 'Cardio');
  });

  it('has one length: the seconds that play, the wall clock only before segments are counted', () => {
    assert.equal(lectureSeconds({ storedSeconds: 21, durationSeconds: 28 }), 21);
    assert.equal(lectureSeconds({ durationSeconds: 28 }), 28);
    assert.equal(lectureSeconds({}), 0);
  });
});
