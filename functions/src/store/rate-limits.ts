// rateLimits/{id}: the windows of every per-user rate limit (keys, session opening, download
// links). Each record expires with its window (TTL on removeAt): past it, a record means nothing.
import { FieldValue } from 'firebase-admin/firestore';
import { db, removeAt } from './firebase';

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

const limits = () => db().collection('rateLimits');

/**
 * The key endpoint's limit: one request per window per user and recording. A transaction per
 * request (a read and a conditional write, retried on contention), which a one-per-window limit
 * needs: the last request's time decides.
 */
export async function takeKeyToken(
  uid: string,
  recordingId: string,
  windowMs: number,
  nowMs: number,
): Promise<RateVerdict> {
  const ref = limits().doc(`${uid}_${recordingId}`);
  return db().runTransaction(async (tx) => {
    const last = ((await tx.get(ref)).get('lastKeyAtMs') as number | undefined) ?? 0;
    if (nowMs - last < windowMs) return { ok: false as const, retryAfterMs: windowMs - (nowMs - last) };
    tx.set(ref, { lastKeyAtMs: nowMs, ...removeAt(nowMs + windowMs) });
    return { ok: true as const };
  });
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
