// Retention: when a recording stops being watchable. A per-recording expiry set by an admin wins
// when it is earlier than the policy; the policy counts from the end of the recording.

export type { RetentionDays } from '@lecturevault/contract';
const DAY_MS = 86_400_000;

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
