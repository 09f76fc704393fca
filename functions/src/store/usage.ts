// usage/total and usageMeetings/{meetingId}: bytes and seconds of stored recordings. The one
// writer of both (a confirmed segment adds, finalization corrects the seconds, deletion takes a
// recording out), and the storage figures: that usage against the settings.
import { FieldValue, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import { aboveAlertThreshold, storageCeiling, type StorageFigures } from '../domain/recording-guards';
import { db } from './firebase';
import { settingsOf, settingsRef, type Settings } from './settings';

export interface Usage {
  bytes: number;
  seconds: number;
}

export interface MeetingUsage extends Usage {
  meetingId: string;
}

const totalRef = () => db().doc('usage/total');
const meetingUsageRef = (meetingId: string) => db().doc(`usageMeetings/${meetingId}`);

const usageOf = (snap: DocumentSnapshot): Usage => ({
  bytes: (snap.get('bytes') as number | undefined) ?? 0,
  seconds: (snap.get('seconds') as number | undefined) ?? 0,
});

const figuresOf = (settings: Settings, usedBytes: number): StorageFigures => ({
  capacityBytes: settings.storageCapacityBytes,
  usedBytes,
  safetyMarginBytes: settings.safetyMarginBytes,
  quotaBytes: settings.storageQuotaBytes,
});

/** Adds `delta` (negative to take away) to the meeting's and the total usage, in the caller's transaction. */
export function addUsageInTransaction(tx: Transaction, meetingId: string, delta: Partial<Usage>): void {
  const add = Object.fromEntries(
    Object.entries(delta)
      .filter(([, v]) => v !== undefined)
      .map(([field, v]) => [field, FieldValue.increment(v)]),
  );
  tx.set(meetingUsageRef(meetingId), add, { merge: true });
  tx.set(totalRef(), add, { merge: true });
}

/** Settings and total usage in one batched read: what the start guard and the dashboard need. */
export async function storageFigures(): Promise<{ figures: StorageFigures; usage: Usage; settings: Settings }> {
  const [settingsSnap, usageSnap] = await db().getAll(settingsRef(), totalRef());
  const settings = settingsOf(settingsSnap);
  const usage = usageOf(usageSnap);
  return { figures: figuresOf(settings, usage.bytes), usage, settings };
}

export async function usageByMeeting(): Promise<MeetingUsage[]> {
  return (await db().collection('usageMeetings').get()).docs.map((d) => ({ meetingId: d.id, ...usageOf(d) }));
}

export interface ThresholdCrossing {
  usedBytes: number;
  ceilingBytes: number;
  ratio: number;
}

/**
 * Sets usage/total's "alerted" flag to whether usage is above the alert threshold, in one
 * transaction; returns the crossing when this call raised the flag, so one crossing is one alert
 * and falling back below re-arms it.
 */
export async function recordThresholdCrossing(): Promise<ThresholdCrossing | null> {
  return db().runTransaction(async (tx) => {
    const [settingsSnap, usageSnap] = await tx.getAll(settingsRef(), totalRef());
    const settings = settingsOf(settingsSnap);
    const figures = figuresOf(settings, usageOf(usageSnap).bytes);
    const above = aboveAlertThreshold(figures, settings.alertThresholdRatio);
    const alerted = usageSnap.get('thresholdAlerted') === true;
    if (above !== alerted) tx.set(usageSnap.ref, { thresholdAlerted: above }, { merge: true });
    return above && !alerted
      ? { usedBytes: figures.usedBytes, ceilingBytes: storageCeiling(figures), ratio: settings.alertThresholdRatio }
      : null;
  });
}
