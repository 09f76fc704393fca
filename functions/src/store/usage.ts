// usage/total and usageMeetings/{meetingId}: bytes and seconds of stored recordings. The one
// writer of both (a confirmed segment adds, finalization corrects the seconds, deletion takes a
// recording out), and the storage figures: that usage against the settings.
// The total is sharded: every confirmed segment of every recording adds to it, and one document
// sustains about one write per second (50 recordings at a segment per 7 s are 7/s). A write goes
// to one of USAGE_SHARDS docs at random, usage/total/shards/{n}; a read sums them, plus what
// usage/total itself holds (the count from before the shards, never incremented since).
import { FieldValue, type DocumentSnapshot, type QuerySnapshot, type Transaction } from 'firebase-admin/firestore';
import { aboveAlertThreshold, storageCeiling, type StorageFigures } from '../domain/recording/recording-guards';
import { db } from './firebase';
import { settingsOf, settingsRef, type Settings } from './settings';

export interface Usage {
  bytes: number;
  seconds: number;
  /** Of `bytes`, what the forensic watermark adds (the second variant and the references). */
  markBytes: number;
  /** Of `bytes`, what the adaptive ladder's lower rungs and audio-only rung take (docs/adaptive-ladder.md). */
  ladderBytes: number;
}

export interface MeetingUsage extends Usage {
  meetingId: string;
}

/** 16 shards: 7 writes/s spread at random stay well under one per shard per second, and a read costs 17 documents. */
export const USAGE_SHARDS = 16;

/** The base of the total and the threshold-alert flag; no longer incremented, so no contention. */
const totalRef = () => db().doc('usage/total');
const shardsRef = () => totalRef().collection('shards');
const randomShardRef = () => shardsRef().doc(String(Math.floor(Math.random() * USAGE_SHARDS)));
const meetingUsageRef = (meetingId: string) => db().doc(`usageMeetings/${meetingId}`);

const usageOf = (snap: DocumentSnapshot): Usage => ({
  bytes: (snap.get('bytes') as number | undefined) ?? 0,
  seconds: (snap.get('seconds') as number | undefined) ?? 0,
  markBytes: (snap.get('markBytes') as number | undefined) ?? 0,
  ladderBytes: (snap.get('ladderBytes') as number | undefined) ?? 0,
});

const totalOf = (base: DocumentSnapshot, shards: QuerySnapshot): Usage =>
  shards.docs.map(usageOf).reduce(
    (sum, u) => ({
      bytes: sum.bytes + u.bytes,
      seconds: sum.seconds + u.seconds,
      markBytes: sum.markBytes + u.markBytes,
      ladderBytes: sum.ladderBytes + u.ladderBytes,
    }),
    usageOf(base),
  );

const figuresOf = (settings: Settings, usedBytes: number): StorageFigures => ({
  capacityBytes: settings.storageCapacityBytes,
  usedBytes,
  safetyMarginBytes: settings.safetyMarginBytes,
  quotaBytes: settings.storageQuotaBytes,
});

/** Adds `delta` (negative to take away) to the meeting's and the total usage (one shard), in the caller's transaction. */
export function addUsageInTransaction(tx: Transaction, meetingId: string, delta: Partial<Usage>): void {
  const add = Object.fromEntries(
    Object.entries(delta)
      .filter(([, v]) => v !== undefined)
      .map(([field, v]) => [field, FieldValue.increment(v)]),
  );
  tx.set(meetingUsageRef(meetingId), add, { merge: true });
  tx.set(randomShardRef(), add, { merge: true });
}

/** Settings and total usage (the shards summed): what the start guard, the dashboard and the threshold alert need. */
export async function storageFigures(): Promise<{
  figures: StorageFigures;
  usage: Usage;
  settings: Settings;
  thresholdAlerted: boolean;
}> {
  const [[settingsSnap, baseSnap], shards] = await Promise.all([
    db().getAll(settingsRef(), totalRef()),
    shardsRef().get(),
  ]);
  const settings = settingsOf(settingsSnap);
  const usage = totalOf(baseSnap, shards);
  return {
    figures: figuresOf(settings, usage.bytes),
    usage,
    settings,
    thresholdAlerted: baseSnap.get('thresholdAlerted') === true,
  };
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
 * Sets usage/total's "alerted" flag to whether usage is above the alert threshold; returns the
 * crossing when this call raised the flag, so one crossing is one alert and falling back below
 * re-arms it. The shards are summed outside the transaction (reading them in it would make every
 * check contend with every confirm); only a change of the flag takes a transaction, on the flag.
 */
export async function recordThresholdCrossing(): Promise<ThresholdCrossing | null> {
  const { figures, settings, thresholdAlerted } = await storageFigures();
  const above = aboveAlertThreshold(figures, settings.alertThresholdRatio);
  if (above === thresholdAlerted) return null;
  return db().runTransaction(async (tx) => {
    const flag = await tx.get(totalRef());
    if ((flag.get('thresholdAlerted') === true) === above) return null; // a concurrent check flipped it first
    tx.set(flag.ref, { thresholdAlerted: above }, { merge: true });
    return above
      ? { usedBytes: figures.usedBytes, ceilingBytes: storageCeiling(figures), ratio: settings.alertThresholdRatio }
      : null;
  });
}
