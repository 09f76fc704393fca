// The storage dashboard's pure rules: usage levels and chart bars.
import assert from 'node:assert/strict';
import { barGeometry, usageLevel } from '../../../src/features/storage/storage-derive';

describe('storage-derive', () => {
  it('grades storage use against the threshold', () => {
    assert.deepEqual(usageLevel(50, 100, 0.8), { ratio: 0.5, level: 'ok' });
    assert.equal(usageLevel(80, 100, 0.8).level, 'warn');
    assert.equal(usageLevel(96, 100, 0.8).level, 'critical');
    assert.equal(usageLevel(5, 0, 0.8).level, 'ok', 'no limit known');
  });

  it('scales chart bars to the largest value, keeping tiny non-zero values visible', () => {
    const bars = barGeometry(
      [
        { label: 'a', value: 200 },
        { label: 'b', value: 50 },
        { label: 'c', value: 0.001 },
        { label: 'd', value: 0 },
      ],
      100,
      20,
    );
    assert.deepEqual(
      bars.map((b) => [b.width, b.y]),
      [
        [100, 0],
        [25, 20],
        [2, 40],
        [0, 60],
      ],
    );
  });
});
