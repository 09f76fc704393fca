// Shared formatting: durations and date inputs.
import assert from 'node:assert/strict';
import { dateInputValue, endOfDayMs, formatClock, startOfDayMs } from '../../src/ui/format-derive';

describe('format-derive', () => {
  it('formats the timer as mm:ss, and h:mm:ss past an hour', () => {
    assert.equal(formatClock(0), '00:00');
    assert.equal(formatClock(75.9), '01:15');
    assert.equal(formatClock(3725), '1:02:05');
    assert.equal(formatClock(-4), '00:00');
  });

  it('round-trips date inputs in local time and rejects malformed dates', () => {
    const end = endOfDayMs('2027-02-28')!;
    assert.equal(dateInputValue(end), '2027-02-28');
    assert.equal(new Date(end).getHours(), 23);
    assert.equal(new Date(startOfDayMs('2027-02-28')!).getHours(), 0);
    assert.equal(endOfDayMs('2027-02-30'), null);
    assert.equal(endOfDayMs(''), null);
    assert.equal(dateInputValue(null), '');
  });
});
