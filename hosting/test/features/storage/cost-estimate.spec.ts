// The Storage page's cost estimate: what the API sends is validated, and read out in plain words.
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http-api';
import { costEstimateView } from '../../../src/features/storage/cost-estimate';
import { parse } from '../../../src/api/parse';
import { storageSummary } from '../../../src/api/wire';

const body = {
  monthlyUsd: 12.3,
  lines: [
    { key: 'storage', label: 'Cloud Storage: stored recordings', usd: 2.1 },
    { key: 'firestore', label: 'Firestore: reads, writes, deletes', usd: 0 },
    { key: 'hosting', label: 'Hosting: data transfer to viewers', usd: 10.2 },
  ],
  basis: { days: 30, recordedHours: 12.5, viewerHours: 340, storedBytes: 150 * 1024 ** 3 },
  pricesReadOn: '2026-12-01',
};

const summary = {
  usedBytes: 1,
  capacityBytes: 2,
  quotaBytes: null,
  freeBytes: 1,
  safetyMarginBytes: 0,
  alertThresholdRatio: 0.8,
  retentionDays: 90,
  meetings: [],
};
const parseCostEstimate = (costEstimate: unknown) =>
  parse(storageSummary, { ...summary, costEstimate }, 'the storage figures').costEstimate;

describe('the cost estimate on the Storage page', () => {
  it('shows the total and only the lines that cost something, dearest first', () => {
    const view = costEstimateView(parseCostEstimate(body));
    assert.equal(view.total, '$12.30');
    assert.deepEqual(view.lines, [
      { label: 'Hosting: data transfer to viewers', amount: '$10.20' },
      { label: 'Cloud Storage: stored recordings', amount: '$2.10' },
    ]);
    assert.match(
      view.basis,
      /^Assumes 150 GB stored all month and the last 30 days repeated \(13 h recorded, 340 h watched\); .*read on 2026-12-01/,
    );
  });

  it('says so when nothing was recorded or watched lately', () => {
    const view = costEstimateView(
      parseCostEstimate({ ...body, basis: { ...body.basis, recordedHours: 0, viewerHours: 0 } }),
    );
    assert.match(view.basis, /nothing recorded or watched in the last 30 days/);
  });

  it('refuses a body of the wrong shape with one readable error', () => {
    assert.throws(
      () => parseCostEstimate({ ...body, monthlyUsd: 'twelve' }),
      (error: unknown) => error instanceof ApiError && /storage figures/.test(error.message),
    );
    assert.throws(() => parseCostEstimate(undefined), ApiError);
  });
});
