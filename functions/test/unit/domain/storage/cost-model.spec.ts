import assert from 'node:assert/strict';
import {
  estimateMonthlyCost,
  FREE_PER_MONTH,
  monthlyCostSummary,
  monthlyUsage,
  NO_USAGE,
  PRICES,
  PRICES_READ_ON,
  speechCostPerRecordedHour,
  type UsageProfile,
  watermarkStorageUsd,
} from '../../../../src/domain/storage/cost-model';

const GIB = 1024 ** 3;
const profile: UsageProfile = {
  perRecordedHour: {
    ...NO_USAGE,
    firestoreReads: 4000,
    firestoreWrites: 2000,
    invocations: 2000,
    storageClassA: 1500,
    storageClassB: 1000,
  },
  perViewerHour: {
    ...NO_USAGE,
    firestoreReads: 300,
    firestoreWrites: 100,
    invocations: 600,
    vcpuSeconds: 10,
    gibSeconds: 15,
    deliveredBytes: 1_000_000,
  },
  fixedPerMonth: { ...NO_USAGE, firestoreReads: 86_400, invocations: 43_230 },
  scheduledJobs: 2,
};
const usd = (estimate: ReturnType<typeof estimateMonthlyCost>, key: string) =>
  estimate.lines.find((l) => l.key === key)!.usd;

describe('cost model', () => {
  it('costs nothing for an idle month inside the free tier, and the fixed jobs alone without it', () => {
    const idle = { recordedHours: 0, viewerHours: 0, storedBytes: 0, bytesPerSecond: 250_000 };
    assert.equal(estimateMonthlyCost(idle, { profile }).totalUsd, 0);
    const list = estimateMonthlyCost(idle, { profile, freeTier: false });
    assert.ok(Math.abs(usd(list, 'firestore') - 86_400 * PRICES.firestoreRead) < 1e-9);
    assert.ok(Math.abs(usd(list, 'scheduler') - 2 * PRICES.schedulerJobMonth) < 1e-9);
  });

  it('prices stored bytes per GiB-month beyond the free 5 GiB', () => {
    const stored = (gib: number) =>
      usd(
        estimateMonthlyCost(
          { recordedHours: 0, viewerHours: 0, storedBytes: gib * GIB, bytesPerSecond: 0 },
          { profile },
        ),
        'storage',
      );
    assert.equal(stored(FREE_PER_MONTH.storedGiB), 0);
    assert.ok(Math.abs(stored(105) - 100 * PRICES.storageGiBMonth) < 1e-9);
  });

  it('scales with recorded and viewed hours, and a viewer-hour downloads the bitrate through Hosting', () => {
    const inputs = { recordedHours: 100, viewerHours: 1000, storedBytes: 0, bytesPerSecond: 250_000 };
    const usage = monthlyUsage(inputs, profile);
    assert.equal(usage.invocations, 43_230 + 100 * 2000 + 1000 * 600);
    assert.equal(usage.deliveredBytes, 1000 * (1_000_000 + 250_000 * 3600));
    const estimate = estimateMonthlyCost(inputs, { profile, freeTier: false });
    assert.ok(Math.abs(usd(estimate, 'hosting') - (usage.deliveredBytes / GIB) * PRICES.hostingGiB) < 1e-9);
    assert.ok(Math.abs(estimate.totalUsd - estimate.lines.reduce((s, l) => s + l.usd, 0)) < 1e-9);
    const doubled = estimateMonthlyCost({ ...inputs, viewerHours: 2000 }, { profile, freeTier: false });
    assert.ok(usd(doubled, 'hosting') > 1.99 * usd(estimate, 'hosting'));
  });

  it('takes each free allowance off its own meter only', () => {
    const inputs = { recordedHours: 0, viewerHours: 5000, storedBytes: 0, bytesPerSecond: 250_000 };
    const free = estimateMonthlyCost(inputs, { profile });
    const list = estimateMonthlyCost(inputs, { profile, freeTier: false });
    assert.ok(free.totalUsd < list.totalUsd);
    // 5000 × 600 + 43 230 invocations: 1 043 230 beyond the 2 M free.
    assert.ok(Math.abs(usd(free, 'functions') - 1_043_230 * PRICES.invocation) < 1e-9);
  });

  it('summarises a recent window as a 30-day month for the Storage page, in cents', () => {
    const summary = monthlyCostSummary(
      { days: 15, recordedSeconds: 10 * 3600, watchedSeconds: 300 * 3600 },
      200 * GIB,
      250_000,
    );
    assert.deepEqual(
      [summary.basis.recordedHours, summary.basis.viewerHours, summary.basis.storedBytes],
      [20, 600, 200 * GIB],
    );
    assert.equal(summary.pricesReadOn, PRICES_READ_ON);
    const full = estimateMonthlyCost({
      recordedHours: 20,
      viewerHours: 600,
      storedBytes: 200 * GIB,
      bytesPerSecond: 250_000,
    });
    assert.equal(summary.monthlyUsd, Math.round(full.totalUsd * 100) / 100);
    assert.ok(
      summary.lines.every(
        (l) => Number.isInteger(Math.round(l.usd * 100)) && Math.abs(l.usd * 100 - Math.round(l.usd * 100)) < 1e-6,
      ),
    );
    assert.ok(summary.lines.find((l) => l.key === 'storage')!.usd > 0, '195 GiB beyond the free 5 GiB cost something');
  });
});

describe('the forensic watermark’s storage cost', () => {
  it('is the storage line with its bytes minus the line without them (free 5 GiB used first)', () => {
    assert.equal(watermarkStorageUsd(4 * GIB, 2 * GIB), 0, 'within the free tier');
    assert.ok(Math.abs(watermarkStorageUsd(105 * GIB, 50 * GIB) - 50 * PRICES.storageGiBMonth) < 1e-9);
    assert.ok(Math.abs(watermarkStorageUsd(8 * GIB, 6 * GIB) - 3 * PRICES.storageGiBMonth) < 1e-9);
    assert.ok(Math.abs(watermarkStorageUsd(8 * GIB, 6 * GIB, false) - 6 * PRICES.storageGiBMonth) < 1e-9);
  });

  it('is reported beside the estimate, in cents', () => {
    const summary = monthlyCostSummary(
      { days: 30, recordedSeconds: 0, watchedSeconds: 0 },
      105 * GIB,
      100_000,
      50 * GIB,
    );
    assert.deepEqual(summary.watermark, { bytes: 50 * GIB, usd: 1 });
  });
});

describe('machine captions in the cost model', () => {
  it('prices a recorded hour of captions at the standard and Dynamic Batch rates', () => {
    assert.equal(speechCostPerRecordedHour('standard').toFixed(2), '0.96');
    assert.equal(speechCostPerRecordedHour('dynamic').toFixed(2), '0.18');
  });

  it('adds a Speech-to-Text line to the monthly estimate for the recorded hours, none when off', () => {
    const activity = { days: 30, recordedSeconds: 10 * 3600, watchedSeconds: 0 };
    const off = monthlyCostSummary(activity, 0, 100_000);
    assert.equal(
      off.lines.find((l) => l.key === 'speech'),
      undefined,
    );
    const standard = monthlyCostSummary(activity, 0, 100_000, 0, 0, 'standard');
    const line = standard.lines.find((l) => l.key === 'speech');
    assert.equal(line?.usd, 9.6, '10 recorded hours at $0.96');
    assert.match(line!.label, /machine captions \(standard\)/);
    assert.equal(Math.round((standard.monthlyUsd - off.monthlyUsd) * 100) / 100, 9.6, 'in the total');
    assert.equal(monthlyCostSummary(activity, 0, 100_000, 0, 0, 'dynamic').lines.at(-1)?.usd, 1.8);
  });
});
