// The soak's schedules are a pure function of their seed: a replay is exactly the schedule that failed.
import assert from 'node:assert/strict';
import { describeHarm, HARM_KINDS, scheduleOf } from '../kit/soak/schedule';

describe('soak schedules', () => {
  it('are the same for the same seed, and differ between seeds', () => {
    assert.deepEqual(scheduleOf(42), scheduleOf(42));
    assert.notDeepEqual(scheduleOf(42), scheduleOf(43));
  });

  it('over 200 seeds do every harm, each inside the lecture, in time order', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const s = scheduleOf(seed);
      assert.ok(s.segments >= 2, 'past the 10 s rule');
      s.harms.forEach((h, i) => {
        seen.add(h.kind);
        assert.ok(h.afterSegments < s.segments, describeHarm(h));
        if (i) assert.ok(s.harms[i - 1].afterSegments <= h.afterSegments);
      });
    }
    assert.deepEqual([...seen].sort(), [...HARM_KINDS].sort());
  });
});
