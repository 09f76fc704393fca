// The cost model: the published list prices of what LectureVault runs on (USD, us-central1 /
// nam5, as read on PRICES_READ_ON; sources in docs/cost-model.md), the billable usage one recorded
// hour and one viewer-hour cause (counted by bench/cost-model.ts against the emulators), and the
// monthly estimate built from both. Pure: the benchmark and the Storage page price the same way.

export const PRICES_READ_ON = '2026-12-01';

/** Billable meters. Bytes delivered are what viewers download through Hosting. */
export interface Usage {
  firestoreReads: number;
  firestoreWrites: number;
  firestoreDeletes: number;
  /** Cloud Storage Class A (object writes, lists) and Class B (object reads, metadata) operations. */
  storageClassA: number;
  storageClassB: number;
  invocations: number;
  /** Billed instance time × the function's vCPU, and × its memory. */
  vcpuSeconds: number;
  gibSeconds: number;
  /** Cloud Tasks: every enqueue and every delivery attempt. */
  taskOperations: number;
  deliveredBytes: number;
}

export const NO_USAGE: Readonly<Usage> = {
  firestoreReads: 0,
  firestoreWrites: 0,
  firestoreDeletes: 0,
  storageClassA: 0,
  storageClassB: 0,
  invocations: 0,
  vcpuSeconds: 0,
  gibSeconds: 0,
  taskOperations: 0,
  deliveredBytes: 0,
};

const GIB = 1024 ** 3;

/** Unit prices beyond the free tier (USD). Firestore: multi-region nam5; regional us-central1 costs about half. */
export const PRICES = {
  firestoreRead: 0.06 / 100_000,
  firestoreWrite: 0.18 / 100_000,
  firestoreDelete: 0.02 / 100_000,
  /** Cloud Storage Standard, us-central1 ($0.000027397 per GiB-hour × 730 h). */
  storageGiBMonth: 0.02,
  storageClassA: 0.005 / 1000,
  storageClassB: 0.0004 / 1000,
  /** Cloud Run functions (2nd gen) bill as Cloud Run, request-based, Tier 1. */
  invocation: 0.4 / 1_000_000,
  vcpuSecond: 0.000024,
  gibSecond: 0.0000025,
  taskOperation: 0.4 / 1_000_000,
  hostingGiB: 0.15,
  schedulerJobMonth: 0.1,
} as const;

/** Free allowance per month (Firestore's is daily: 30 days of it, assuming usage spread evenly). */
export const FREE_PER_MONTH: Readonly<Usage & { storedGiB: number; schedulerJobs: number }> = {
  firestoreReads: 50_000 * 30,
  firestoreWrites: 20_000 * 30,
  firestoreDeletes: 20_000 * 30,
  storageClassA: 5_000,
  storageClassB: 50_000,
  invocations: 2_000_000,
  vcpuSeconds: 180_000,
  gibSeconds: 360_000,
  taskOperations: 1_000_000,
  deliveredBytes: 360 * 1000 ** 2 * 30, // Hosting: 360 MB a day
  storedGiB: 5,
  schedulerJobs: 3,
};

/**
 * What one unit of each flow costs in billable usage, without the media bytes (those scale with the
 * bitrate, a parameter). Counted by bench/cost-model.ts on 2026-12-01; rerun it when a flow changes.
 */
export interface UsageProfile {
  perRecordedHour: Usage;
  perViewerHour: Usage;
  /** The scheduled jobs: the sweep every minute and the daily retention run, with nothing to do. */
  fixedPerMonth: Usage;
  scheduledJobs: number;
}

export const MEASURED_PROFILE: UsageProfile = {
  // Start, 514 segments (3 objects each fire the storage trigger: ingest has its own bucket), 119
  // watchdog polls, the sweep's extra work, the teacher's meeting page polling every 2 s, stop,
  // webhooks, finalize.
  perRecordedHour: {
    firestoreReads: 22_454,
    firestoreWrites: 2_259,
    firestoreDeletes: 1,
    storageClassA: 2_057,
    storageClassB: 1_031,
    invocations: 4_167,
    vcpuSeconds: 417.1,
    gibSeconds: 142.9,
    taskOperations: 242,
    deliveredBytes: 0,
  },
  // Session, playlist and key (twice: one URL renewal), 514 segments (one Storage read each: no
  // metadata request first), 59 heartbeats (each also writes the viewing/ attendance document).
  perViewerHour: {
    firestoreReads: 1_096,
    firestoreWrites: 128,
    firestoreDeletes: 0,
    storageClassA: 0,
    storageClassB: 514,
    invocations: 579,
    vcpuSeconds: 57.9,
    gibSeconds: 14.5,
    taskOperations: 0,
    deliveredBytes: 97_748,
  },
  // 43,200 idle sweeps (two empty queries and one Storage listing each) and 30 idle retention runs.
  fixedPerMonth: {
    firestoreReads: 86_520,
    firestoreWrites: 0,
    firestoreDeletes: 0,
    storageClassA: 43_200,
    storageClassB: 0,
    invocations: 43_230,
    vcpuSeconds: 4_323,
    gibSeconds: 1_080.8,
    taskOperations: 0,
    deliveredBytes: 0,
  },
  scheduledJobs: 2,
};

export interface MonthlyInputs {
  recordedHours: number;
  viewerHours: number;
  /** Recordings held in Storage (encrypted), averaged over the month. */
  storedBytes: number;
  /** The recordings' bitrate: what a viewer-hour downloads. */
  bytesPerSecond: number;
}

/** 'speech' only on the Storage page's estimate, where the machine-captions setting is known. */
export type CostKey =
  'storage' | 'storage-ops' | 'firestore' | 'functions' | 'hosting' | 'tasks' | 'scheduler' | 'speech';

export interface CostLine {
  key: CostKey;
  label: string;
  usd: number;
}

export interface CostEstimate {
  lines: CostLine[];
  totalUsd: number;
  usage: Usage;
}

export function addUsage(a: Usage, b: Usage, times = 1): Usage {
  const sum = { ...a };
  for (const k of Object.keys(sum) as (keyof Usage)[]) sum[k] += b[k] * times;
  return sum;
}

/** The month's usage of the flows: recorded hours, viewer-hours (their media included) and the fixed jobs. */
export function monthlyUsage(inputs: MonthlyInputs, profile: UsageProfile = MEASURED_PROFILE): Usage {
  const media = { ...NO_USAGE, deliveredBytes: inputs.bytesPerSecond * 3600 };
  let usage = addUsage(profile.fixedPerMonth, profile.perRecordedHour, inputs.recordedHours);
  usage = addUsage(usage, profile.perViewerHour, inputs.viewerHours);
  return addUsage(usage, media, inputs.viewerHours);
}

const billable = (used: number, free: number, freeTier: boolean) => Math.max(0, used - (freeTier ? free : 0));

/** The monthly bill, line by line; with `freeTier` (the default) the free allowances are taken off first. */
export function estimateMonthlyCost(
  inputs: MonthlyInputs,
  { profile = MEASURED_PROFILE, freeTier = true } = {},
): CostEstimate {
  const u = monthlyUsage(inputs, profile);
  const f = FREE_PER_MONTH;
  const over = (k: keyof Usage) => billable(u[k], f[k], freeTier);
  const lines: CostLine[] = [
    {
      key: 'storage',
      label: 'Cloud Storage: stored recordings',
      usd: billable(inputs.storedBytes / GIB, f.storedGiB, freeTier) * PRICES.storageGiBMonth,
    },
    {
      key: 'storage-ops',
      label: 'Cloud Storage: operations',
      usd: over('storageClassA') * PRICES.storageClassA + over('storageClassB') * PRICES.storageClassB,
    },
    {
      key: 'firestore',
      label: 'Firestore: reads, writes, deletes',
      usd:
        over('firestoreReads') * PRICES.firestoreRead +
        over('firestoreWrites') * PRICES.firestoreWrite +
        over('firestoreDeletes') * PRICES.firestoreDelete,
    },
    {
      key: 'functions',
      label: 'Cloud Functions: invocations and compute',
      usd:
        over('invocations') * PRICES.invocation +
        over('vcpuSeconds') * PRICES.vcpuSecond +
        over('gibSeconds') * PRICES.gibSecond,
    },
    {
      key: 'hosting',
      label: 'Hosting: data transfer to viewers',
      usd: (over('deliveredBytes') / GIB) * PRICES.hostingGiB,
    },
    { key: 'tasks', label: 'Cloud Tasks: watchdog', usd: over('taskOperations') * PRICES.taskOperation },
    {
      key: 'scheduler',
      label: 'Cloud Scheduler: jobs',
      usd: billable(profile.scheduledJobs, f.schedulerJobs, freeTier) * PRICES.schedulerJobMonth,
    },
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0), usage: u };
}

/** Time recorded and watched over the last `days` days (what the Storage page extrapolates from). */
export interface RecentActivity {
  days: number;
  recordedSeconds: number;
  watchedSeconds: number;
}

/**
 * What the forensic watermark's share of the stored bytes (variant B of the video and the
 * references) adds to the storage line: the line with it minus the line without it, so the free
 * 5 GiB are used up by the recordings first. A marked recording stores its video twice.
 */
export function watermarkStorageUsd(storedBytes: number, markBytes: number, freeTier = true): number {
  const line = (bytes: number) => billable(bytes / GIB, FREE_PER_MONTH.storedGiB, freeTier) * PRICES.storageGiBMonth;
  return line(storedBytes) - line(Math.max(0, storedBytes - markBytes));
}

export interface MonthlyCostSummary {
  monthlyUsd: number;
  lines: CostLine[];
  /** Of the storage line, the forensic watermark's part (its bytes are in storedBytes). */
  watermark: { bytes: number; usd: number };
  /** Of the storage line, the adaptive ladder's part: its lower rungs and audio-only rung (docs/adaptive-ladder.md). */
  ladder: { bytes: number; usd: number };
  /** What the estimate assumes for a month: the recent activity scaled to 30 days, today's stored bytes. */
  basis: { days: number; recordedHours: number; viewerHours: number; storedBytes: number };
  pricesReadOn: string;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The Storage page's monthly estimate: today's stored bytes held a month, the recent activity repeated. */
export function monthlyCostSummary(
  activity: RecentActivity,
  storedBytes: number,
  bytesPerSecond: number,
  markBytes = 0,
  ladderBytes = 0,
  /** The admin's machine-captions setting: 'off' sends nothing to Speech-to-Text and costs nothing. */
  speechBatch: keyof typeof SPEECH_PRICE_PER_MINUTE | 'off' = 'off',
): MonthlyCostSummary {
  const toMonth = 30 / activity.days;
  const inputs = {
    recordedHours: (activity.recordedSeconds / 3600) * toMonth,
    viewerHours: (activity.watchedSeconds / 3600) * toMonth,
    storedBytes,
    bytesPerSecond,
  };
  const estimate = estimateMonthlyCost(inputs);
  // Every recorded hour is captioned once, at the setting's rate (each recording keeps the mode it started with).
  const speech: CostLine[] =
    speechBatch === 'off'
      ? []
      : [
          {
            key: 'speech',
            label: `Speech-to-Text: machine captions (${speechBatch === 'dynamic' ? 'Dynamic Batch' : 'standard'})`,
            usd: inputs.recordedHours * speechCostPerRecordedHour(speechBatch),
          },
        ];
  const lines = [...estimate.lines, ...speech];
  return {
    monthlyUsd: cents(lines.reduce((sum, l) => sum + l.usd, 0)),
    lines: lines.map((l) => ({ ...l, usd: cents(l.usd) })),
    watermark: { bytes: markBytes, usd: cents(watermarkStorageUsd(storedBytes, markBytes)) },
    // The same measure as the watermark's: the storage line with these bytes minus the line without them.
    ladder: { bytes: ladderBytes, usd: cents(watermarkStorageUsd(storedBytes, ladderBytes)) },
    basis: { days: activity.days, recordedHours: inputs.recordedHours, viewerHours: inputs.viewerHours, storedBytes },
    pricesReadOn: PRICES_READ_ON,
  };
}

/**
 * Speech-to-Text v2 list prices per minute of audio (docs/cost-model.md, "Machine captions"):
 * standard recognition for the first 500,000 minutes a month, and Dynamic Batch (fulfilled within
 * 24 h). Billed on the audio sent, which is the recording's stored length.
 */
export const SPEECH_PRICE_PER_MINUTE = { standard: 0.016, dynamic: 0.003 } as const;

/** What machine captions cost per recorded hour, by batch mode (the admin's setting). */
export const speechCostPerRecordedHour = (mode: keyof typeof SPEECH_PRICE_PER_MINUTE): number =>
  SPEECH_PRICE_PER_MINUTE[mode] * 60;
