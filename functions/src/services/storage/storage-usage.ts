// Storage accounting for admins: usage in total and per meeting against capacity and quota, the
// monthly cost estimate, and the threshold alert, raised once when usage crosses it and re-armed
// when it falls back.
import { monthlyCostSummary } from '../../domain/storage/cost-model';
import { bytesPerSecond, formatBytes, freeBytes } from '../../domain/recording/recording-guards';
import { raiseAlert } from '../../store/alerts';
import { recordedSecondsSince } from '../../store/recordings';
import { watchedSecondsSince } from '../../store/sessions';
import { recordThresholdCrossing, storageFigures, usageByMeeting } from '../../store/usage';

/** The cost estimate repeats this many recent days of recording and watching. */
export const COST_WINDOW_DAYS = 30;

export async function storageSummary(nowMs = Date.now()) {
  const since = nowMs - COST_WINDOW_DAYS * 86_400_000;
  const [{ figures, usage, settings }, perMeeting, recordedSeconds, watchedSeconds] = await Promise.all([
    storageFigures(),
    usageByMeeting(),
    recordedSecondsSince(since),
    watchedSecondsSince(since),
  ]);
  return {
    usedBytes: figures.usedBytes,
    usedSeconds: usage.seconds,
    capacityBytes: figures.capacityBytes,
    quotaBytes: figures.quotaBytes ?? null,
    freeBytes: freeBytes(figures),
    safetyMarginBytes: figures.safetyMarginBytes,
    alertThresholdRatio: settings.alertThresholdRatio,
    retentionDays: settings.retentionDays,
    backgroundPause: settings.backgroundPause,
    forensicWatermark: settings.forensicWatermark,
    ladder: settings.ladder,
    speechBatch: settings.speechBatch,
    ladderBytes: usage.ladderBytes,
    meetings: perMeeting.sort((a, b) => b.bytes - a.bytes),
    costEstimate: monthlyCostSummary(
      { days: COST_WINDOW_DAYS, recordedSeconds, watchedSeconds },
      figures.usedBytes,
      // A viewer downloads one variant of one rung of each segment: the watermark's and the lower
      // rungs' bytes are stored, not delivered (the source rung is the upper bound a viewer takes).
      bytesPerSecond({ bytes: usage.bytes - usage.markBytes - usage.ladderBytes, seconds: usage.seconds }),
      usage.markBytes,
      usage.ladderBytes,
      settings.speechBatch,
    ),
  };
}

/** Called after usage grows: one alert per crossing of the threshold. */
export async function checkUsageThreshold(nowMs = Date.now()): Promise<boolean> {
  const crossed = await recordThresholdCrossing();
  if (!crossed) return false;
  const { usedBytes, ceilingBytes, ratio } = crossed;
  await raiseAlert(
    {
      kind: 'storage-threshold',
      message: `Recordings use ${formatBytes(usedBytes)} of ${formatBytes(ceilingBytes)} (${Math.round((usedBytes / ceilingBytes) * 100)} %, alert at ${Math.round(ratio * 100)} %).`,
    },
    nowMs,
  );
  return true;
}
