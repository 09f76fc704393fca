// Pure rules for recording and storage: who may start, the storage ceiling (capacity or quota)
// and whether it allows a start or calls for an alert, and what a recording will cost.
import type { Role } from '../access/access-check';

/** Start / stop / force stop: admins for any meeting, teachers for meetings they teach. */
export function canControlRecording(user: { uid: string; role: Role }, meeting: { teacherUid: string }): boolean {
  return user.role === 'admin' || (user.role === 'teacher' && meeting.teacherUid === user.uid);
}

/**
 * Who may see a meeting (the directory, its state: participants, recording): admins all, teachers
 * their own, students their batches', and its guests: whoever holds an unrevoked grant to one of
 * its recordings (the only way into a meeting without a batch, the grant-only guest lecture). A
 * guest sees the meeting, not its other recordings: each recording still asks the access check.
 */
export function canSeeMeeting(
  user: { uid: string; role: Role },
  meeting: { id: string; teacherUid: string; batchId: string | null },
  facts: { memberOf: ReadonlySet<string>; guestOf: ReadonlySet<string> },
): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'teacher' && meeting.teacherUid === user.uid) return true;
  if (facts.guestOf.has(meeting.id)) return true;
  return user.role === 'student' && meeting.batchId !== null && facts.memberOf.has(meeting.batchId);
}

/** ~2 Mbit/s: LiveKit's default room-composite H.264 720p preset plus AAC, before we have measurements. */
export const DEFAULT_BYTES_PER_SECOND = 250_000;
export const LONG_RECORDING_HOURS = 3;

export interface StorageFigures {
  capacityBytes: number;
  usedBytes: number;
  safetyMarginBytes: number;
  /** An admin-set ceiling for LectureVault's own usage (optional). */
  quotaBytes?: number;
}

export type CapacityVerdict =
  | { ok: true; freeBytes: number }
  | { ok: false; freeBytes: number; code: 'storage-low' | 'quota-exhausted'; message: string };

/** What recordings may fill: the capacity, or the quota when an admin set one below it. */
export function storageCeiling(f: Pick<StorageFigures, 'capacityBytes' | 'quotaBytes'>): number {
  return f.quotaBytes ? Math.min(f.capacityBytes, f.quotaBytes) : f.capacityBytes;
}

export function freeBytes(f: StorageFigures): number {
  return Math.max(0, storageCeiling(f) - f.usedBytes);
}

/** Usage at or above `ratio` of the ceiling: admins are alerted (once per crossing). */
export function aboveAlertThreshold(f: StorageFigures, ratio: number): boolean {
  return f.usedBytes >= storageCeiling(f) * ratio;
}

export function checkStartCapacity(f: StorageFigures): CapacityVerdict {
  const free = freeBytes(f);
  if (f.quotaBytes && f.usedBytes >= f.quotaBytes) {
    return {
      ok: false,
      freeBytes: 0,
      code: 'quota-exhausted',
      message: `The storage quota is used up (${formatBytes(f.usedBytes)} of ${formatBytes(f.quotaBytes)}). Delete old recordings or raise the quota.`,
    };
  }
  if (free < f.safetyMarginBytes) {
    return {
      ok: false,
      freeBytes: free,
      code: 'storage-low',
      message: `Only ${formatBytes(free)} of storage is free; recording needs at least ${formatBytes(f.safetyMarginBytes)}.`,
    };
  }
  return { ok: true, freeBytes: free };
}

/** Bytes per second measured over finished recordings, or the default before there are any. */
export function bytesPerSecond(usage: { bytes: number; seconds: number }): number {
  return usage.seconds >= 60 ? usage.bytes / usage.seconds : DEFAULT_BYTES_PER_SECOND;
}

export interface Estimate {
  hours: number;
  bytesPerSecond: number;
  estimatedBytes: number;
  freeBytes: number;
  warnings: string[];
}

export function estimateRecording(hours: number, rate: number, free: number): Estimate {
  const estimatedBytes = Math.round(hours * 3600 * rate);
  const warnings: string[] = [];
  if (hours >= LONG_RECORDING_HOURS) {
    warnings.push(`A ${hours} h recording will take about ${formatBytes(estimatedBytes)} of storage.`);
  }
  if (estimatedBytes > free) {
    warnings.push(`That is more than the ${formatBytes(free)} free; the recording may stop when storage runs out.`);
  }
  return { hours, bytesPerSecond: Math.round(rate), estimatedBytes, freeBytes: free, warnings };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
