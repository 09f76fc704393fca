// Storage accounting for admins: usage in total and per meeting against capacity and quota, and
// the threshold alert, raised once when usage crosses it and re-armed when it falls back.
import { formatBytes, freeBytes } from '../domain/recording-guards';
import { raiseAlert } from '../store/alerts';
import { db } from '../store/firebase';
import { storageFigures } from '../store/settings';

export async function storageSummary() {
  const [{ figures, usage }, settings, perMeeting] = await Promise.all([
    storageFigures(),
    db().doc('settings/global').get(),
    db().collection('usageMeetings').get(),
  ]);
  return {
    usedBytes: figures.usedBytes,
    usedSeconds: usage.seconds,
    capacityBytes: figures.capacityBytes,
    quotaBytes: figures.quotaBytes ?? null,
    freeBytes: freeBytes(figures),
    safetyMarginBytes: figures.safetyMarginBytes,
    alertThresholdRatio: (settings.get('alertThresholdRatio') as number | undefined) ?? 0.8,
    retentionDays: (settings.get('retentionDays') as number | undefined) ?? 90,
    meetings: perMeeting.docs
      .map((d) => ({ meetingId: d.id, bytes: (d.get('bytes') as number | undefined) ?? 0, seconds: (d.get('seconds') as number | undefined) ?? 0 }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}

/** Called after usage grows: one alert per crossing of the threshold. */
export async function checkUsageThreshold(nowMs = Date.now()): Promise<boolean> {
  const crossed = await db().runTransaction(async (tx) => {
    const [settings, usage] = await tx.getAll(db().doc('settings/global'), db().doc('usage/total'));
    const ceiling = Math.min(
      (settings.get('storageCapacityBytes') as number | undefined) ?? Infinity,
      (settings.get('storageQuotaBytes') as number | undefined) ?? Infinity,
    );
    const ratio = (settings.get('alertThresholdRatio') as number | undefined) ?? 0.8;
    const used = (usage.get('bytes') as number | undefined) ?? 0;
    const above = Number.isFinite(ceiling) && used >= ceiling * ratio;
    const alerted = usage.get('thresholdAlerted') === true;
    if (above !== alerted) tx.set(usage.ref, { thresholdAlerted: above }, { merge: true });
    return above && !alerted ? { used, ceiling, ratio } : null;
  });
  if (!crossed) return false;
  await raiseAlert(
    {
      kind: 'storage-threshold',
      message: `Recordings use ${formatBytes(crossed.used)} of ${formatBytes(crossed.ceiling)} (${Math.round((crossed.used / crossed.ceiling) * 100)} %, alert at ${Math.round(crossed.ratio * 100)} %).`,
    },
    nowMs,
  );
  return true;
}
