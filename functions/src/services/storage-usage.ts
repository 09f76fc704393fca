// Storage accounting for admins: usage in total and per meeting against capacity and quota, and
// the threshold alert, raised once when usage crosses it and re-armed when it falls back.
import { formatBytes, freeBytes } from '../domain/recording-guards';
import { raiseAlert } from '../store/alerts';
import { recordThresholdCrossing, storageFigures, usageByMeeting } from '../store/usage';

export async function storageSummary() {
  const [{ figures, usage, settings }, perMeeting] = await Promise.all([storageFigures(), usageByMeeting()]);
  return {
    usedBytes: figures.usedBytes,
    usedSeconds: usage.seconds,
    capacityBytes: figures.capacityBytes,
    quotaBytes: figures.quotaBytes ?? null,
    freeBytes: freeBytes(figures),
    safetyMarginBytes: figures.safetyMarginBytes,
    alertThresholdRatio: settings.alertThresholdRatio,
    retentionDays: settings.retentionDays,
    meetings: perMeeting.sort((a, b) => b.bytes - a.bytes),
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
