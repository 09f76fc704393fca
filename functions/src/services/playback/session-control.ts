// Keeping playback sessions in bounds: per-user rate limits on opening sessions and minting
// download links, the cap on concurrent sessions per account (one more ends the oldest), and the
// cut of open sessions an access change has made unwatchable, at once rather than at the next
// heartbeat.
import type { Caller } from '../../domain/access/caller';
import { isExpired } from '../../domain/recording/retention';
import { RateLimited } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import { countRequest } from '../../store/rate-limits';
import { recordingsByIds } from '../../store/recordings';
import { endSessions, liveSessionsOf, openSessions, type SessionDoc, type SessionFilter } from '../../store/sessions';
import { decide } from '../access/viewer-decision';

export const RATE_LIMITS = {
  'open-session': { action: 'watch', perWindow: 10, windowMs: 60_000 },
  'download-link': { action: 'download', perWindow: 5, windowMs: 60_000 },
} as const;

/** A session is "going" while it heartbeats: the player beats every 60 s, so two beats missed end it. */
export const LIVE_SESSION_MS = 2 * 60_000;

/** Counts the request against the user's limit; over it, audited as refused and a 429 with Retry-After. */
export async function limitRate(
  kind: keyof typeof RATE_LIMITS,
  actor: Caller,
  recordingId: string,
  nowMs: number,
): Promise<void> {
  const { action, perWindow, windowMs } = RATE_LIMITS[kind];
  const verdict = await countRequest(kind, actor.uid, perWindow, windowMs, nowMs);
  if (verdict.ok) return;
  await writeAudit(actor, { action, outcome: 'refused', recordingId, reason: 'rate-limited' }, nowMs);
  throw new RateLimited(Math.ceil(verdict.retryAfterMs / 1000));
}

/**
 * Ends the user's oldest going sessions beyond `max` (call after opening one: the new one is
 * kept). Two opened at the same moment both see all of them and end the same oldest ones.
 */
export async function capConcurrentSessions(uid: string, max: number, nowMs: number): Promise<number> {
  const surplus = (await liveSessionsOf(uid, nowMs - LIVE_SESSION_MS, nowMs)).slice(Math.max(1, max));
  await endSessions(
    surplus.map((s) => s.id),
    'superseded',
    nowMs,
  );
  return surplus.length;
}

/**
 * Re-runs the access check for every open session matching the filter and ends those it now
 * refuses, each with its reason (expired, no-access, not-enrolled …). Admins and the teacher keep
 * theirs where the check still allows them (an expiry does not stop staff).
 */
export async function cutRefusedSessions(filter: SessionFilter, nowMs = Date.now()): Promise<number> {
  return endRefused(await openSessions(filter, nowMs), nowMs);
}

/** After the retention policy shortened: the open sessions of the recordings it has made expired. */
export async function cutSessionsOfExpired(retentionDays: number, nowMs = Date.now()): Promise<number> {
  const open = await openSessions({}, nowMs);
  const recordings = await recordingsByIds(open.map((s) => s.recordingId));
  const expired = new Set(recordings.filter((r) => isExpired(r, retentionDays, nowMs)).map((r) => r.id));
  return endRefused(
    open.filter((s) => expired.has(s.recordingId)),
    nowMs,
  );
}

async function endRefused(open: readonly SessionDoc[], nowMs: number): Promise<number> {
  const byReason = new Map<string, string[]>();
  // A few at a time: each check is up to 3 round trips, and a meeting may have a full lecture hall.
  for (let i = 0; i < open.length; i += 20) {
    await Promise.all(
      open.slice(i, i + 20).map(async (session) => {
        const { decision } = await decide({ uid: session.uid, email: session.email }, session.recordingId, nowMs);
        if (!decision.allow) byReason.set(decision.why, [...(byReason.get(decision.why) ?? []), session.id]);
      }),
    );
  }
  for (const [why, ids] of byReason) await endSessions(ids, why, nowMs);
  return [...byReason.values()].reduce((n, ids) => n + ids.length, 0);
}
