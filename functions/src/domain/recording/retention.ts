// Retention: when a recording stops being watchable. A per-recording expiry set by an admin wins
// when it is earlier than the policy; the policy counts from the end of the recording.

export const RETENTION_CHOICES = [30, 60, 90] as const;
export type RetentionDays = (typeof RETENTION_CHOICES)[number];
const DAY_MS = 86_400_000;

/**
 * The latest expiry an admin may set: 9999-12-31T23:59:59.999Z, the last instant both a JavaScript
 * Date (to 8.64e15) and a Firestore Timestamp (to year 9999) can hold. A later one was stored, then
 * its audit line threw: a change with no audit entry.
 */
export const LATEST_EXPIRY_MS = 253_402_300_799_999;

export function expiryOf(
  recording: { endedAtMs?: number; createdAtMs: number; expiresAtMs?: number | null },
  retentionDays: number,
): number {
  const policy = (recording.endedAtMs ?? recording.createdAtMs) + retentionDays * DAY_MS;
  return recording.expiresAtMs ? Math.min(recording.expiresAtMs, policy) : policy;
}

export function isExpired(recording: Parameters<typeof expiryOf>[0], retentionDays: number, nowMs: number): boolean {
  return nowMs >= expiryOf(recording, retentionDays);
}
