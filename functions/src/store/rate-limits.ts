// rateLimits/{id}: the windows of every per-user rate limit (keys, session opening, download
// links). Each record expires with its window (TTL on removeAt): past it, a record means nothing.
import { FieldValue } from 'firebase-admin/firestore';
import { db, isPreconditionLost, removeAt } from './firebase';

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

const limits = () => db().collection('rateLimits');

/**
 * The key endpoint's limit: one request per window per user and recording. Optimistic, with no
 * transaction: read the window, then write it only if the document is still what was read (create
 * if absent, update with its update time as precondition). Of two racing requests one write
 * fails its precondition and that request looks again, so the last request's time still decides
 * and at most one per window passes; but nothing holds a lock while a burst of viewers waits.
 */
export async function takeKeyToken(
  uid: string,
  recordingId: string,
  windowMs: number,
  nowMs: number,
): Promise<RateVerdict> {
  const ref = limits().doc(`${uid}_${recordingId}`);
  const next = { lastKeyAtMs: nowMs, ...removeAt(nowMs + windowMs) };
  for (let attempt = 1; ; attempt++) {
    const snap = await ref.get();
    const last = (snap.get('lastKeyAtMs') as number | undefined) ?? 0;
    if (nowMs - last < windowMs) return { ok: false, retryAfterMs: windowMs - (nowMs - last) };
    try {
      if (snap.exists) await ref.update(next, { lastUpdateTime: snap.updateTime! });
      else await ref.create(next);
      return { ok: true };
    } catch (error) {
      // Someone wrote the window in between (ALREADY_EXISTS or FAILED_PRECONDITION): look again.
      if (!isPreconditionLost(error) || attempt === 3) throw error;
    }
  }
}

/**
 * At most `limit` requests of one kind per user in each fixed window, with no transaction: an
 * atomic increment, then a read of the count. Increments are serialised by Firestore, so the
 * (limit+1)-th request of a window reads at least limit+1 and is refused, however they race: at
 * most `limit` pass. Refused requests count too (a flood stays refused until the window ends).
 * Cost: one write and one read per request, no contention retries. A fixed window lets a burst of
 * up to 2 × limit straddle a boundary; fine for abuse limits.
 */
export async function countRequest(
  kind: string,
  uid: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<RateVerdict> {
  const window = Math.floor(nowMs / windowMs);
  const endMs = (window + 1) * windowMs;
  const ref = limits().doc(`${kind}_${window}_${uid}`);
  await ref.set({ count: FieldValue.increment(1), ...removeAt(endMs) }, { merge: true });
  const count = ((await ref.get()).get('count') as number | undefined) ?? 0;
  return count <= limit ? { ok: true } : { ok: false, retryAfterMs: endMs - nowMs };
}
