// settings/global: the admin's policy figures (retention, capacity, quota, safety margin, alert
// threshold, concurrent playback sessions per account, the forensic watermark and the ladder of new recordings). The only reader of that document and the
// one place its defaults live: two readers with their own defaults once disagreed on the capacity,
// and the storage alert never fired.
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { isBackgroundPause, type BackgroundPause } from '../domain/playback/background-pause';
import { isLadderSetting, type LadderSetting } from '../domain/playback/ladder';
import type { RetentionDays } from '../domain/recording/retention';
import { isSpeechBatchMode, type SpeechBatchMode } from '../domain/captions/speech-batch';
import { db } from './firebase';

export interface Settings {
  retentionDays: number;
  /** What the bucket may hold. */
  storageCapacityBytes: number;
  /** An admin-set ceiling for LectureVault's own usage; none unless set. */
  storageQuotaBytes?: number;
  /** A start is refused when less than this is free. */
  safetyMarginBytes: number;
  /** The share of the storage ceiling at which admins are alerted. */
  alertThresholdRatio: number;
  /** Playback sessions one account may have going at once; opening one more ends the oldest. */
  maxConcurrentSessions: number;
  /** When the player pauses for a tab switch. */
  backgroundPause: BackgroundPause;
  /** New recordings are stored with the forensic A/B watermark (docs/forensic-watermark.md). */
  forensicWatermark: boolean;
  /** The adaptive ladder of new recordings (docs/adaptive-ladder.md). */
  ladder: LadderSetting;
  /** Machine captions at once (standard) or within 24 h at the Dynamic Batch price (docs/captions.md). */
  speechBatch: SpeechBatchMode;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  retentionDays: 90,
  storageCapacityBytes: 5 * 1024 ** 4,
  safetyMarginBytes: 2 * 1024 ** 3, // the spec: recording needs 2 GB free
  alertThresholdRatio: 0.8,
  maxConcurrentSessions: 2,
  backgroundPause: 'hidden',
  forensicWatermark: true,
  ladder: 'full',
  // Off until an admin opts in: lecture audio goes to Google's Speech-to-Text only by a school's choice.
  speechBatch: 'off',
};

/** For store modules that read the settings in their own batched read or transaction. */
export const settingsRef = () => db().doc('settings/global');

export function settingsOf(snap: DocumentSnapshot): Settings {
  const figure = (field: keyof Settings) => snap.get(field) as number | undefined;
  return {
    retentionDays: figure('retentionDays') ?? DEFAULT_SETTINGS.retentionDays,
    storageCapacityBytes: figure('storageCapacityBytes') ?? DEFAULT_SETTINGS.storageCapacityBytes,
    storageQuotaBytes: figure('storageQuotaBytes') ?? undefined,
    safetyMarginBytes: figure('safetyMarginBytes') ?? DEFAULT_SETTINGS.safetyMarginBytes,
    alertThresholdRatio: figure('alertThresholdRatio') ?? DEFAULT_SETTINGS.alertThresholdRatio,
    maxConcurrentSessions: figure('maxConcurrentSessions') ?? DEFAULT_SETTINGS.maxConcurrentSessions,
    backgroundPause: isBackgroundPause(snap.get('backgroundPause'))
      ? (snap.get('backgroundPause') as BackgroundPause)
      : DEFAULT_SETTINGS.backgroundPause,
    forensicWatermark:
      typeof snap.get('forensicWatermark') === 'boolean'
        ? (snap.get('forensicWatermark') as boolean)
        : DEFAULT_SETTINGS.forensicWatermark,
    ladder: isLadderSetting(snap.get('ladder')) ? (snap.get('ladder') as LadderSetting) : DEFAULT_SETTINGS.ladder,
    speechBatch: isSpeechBatchMode(snap.get('speechBatch'))
      ? (snap.get('speechBatch') as SpeechBatchMode)
      : DEFAULT_SETTINGS.speechBatch,
  };
}

export async function readSettings(): Promise<Settings> {
  return settingsOf(await settingsRef().get());
}

export async function retentionDays(): Promise<number> {
  return (await readSettings()).retentionDays;
}

export async function saveBackgroundPause(policy: BackgroundPause): Promise<void> {
  await settingsRef().set({ backgroundPause: policy }, { merge: true });
}

/** Applies to recordings started from now on; a recording keeps the layout it was started with. */
export async function saveForensicWatermark(enabled: boolean): Promise<void> {
  await settingsRef().set({ forensicWatermark: enabled }, { merge: true });
}

/** Applies to recordings started from now on; a recording keeps the ladder it was started with. */
export async function saveLadder(ladder: LadderSetting): Promise<void> {
  await settingsRef().set({ ladder }, { merge: true });
}

export async function saveRetentionDays(days: RetentionDays): Promise<void> {
  await settingsRef().set({ retentionDays: days }, { merge: true });
}

export async function saveSpeechBatch(mode: SpeechBatchMode): Promise<void> {
  await settingsRef().set({ speechBatch: mode }, { merge: true });
}
