// playbackSessions/{sessionId}: one viewer watching one recording. Segment URLs and the playback
// cookie are bound to it; revoking it stops the viewer's next segment, key or playlist request.
import { randomBytes } from 'node:crypto';
import { AggregateField, type Query } from 'firebase-admin/firestore';
import { db } from './firebase';

export interface PlaybackSession {
  id: string;
  uid: string;
  email: string;
  recordingId: string;
  createdAtMs: number;
  expiresAtMs: number;
  lastHeartbeatMs: number;
  positionSeconds?: number;
  revokedAtMs?: number;
  revokeReason?: string;
}

const sessions = () => db().collection('playbackSessions');

export async function createSession(session: Omit<PlaybackSession, 'id'>): Promise<PlaybackSession> {
  const id = randomBytes(16).toString('base64url');
  await sessions().doc(id).create(session);
  return { id, ...session };
}

export async function getSession(id: string): Promise<PlaybackSession | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const snap = await sessions().doc(id).get();
  return snap.exists ? ({ id, ...snap.data() } as PlaybackSession) : null;
}

export async function updateSession(id: string, patch: Partial<Omit<PlaybackSession, 'id'>>): Promise<void> {
  await sessions().doc(id).update(patch);
}

/**
 * Time watched in sessions opened since `fromMs`: from first request to last heartbeat, summed in
 * one aggregation as Σ lastHeartbeatMs − Σ createdAtMs (sums are linear), so the estimate never
 * reads the sessions one by one.
 */
export async function watchedSecondsSince(fromMs: number): Promise<number> {
  const snap = await sessions()
    .where('createdAtMs', '>=', fromMs)
    .aggregate({ last: AggregateField.sum('lastHeartbeatMs'), first: AggregateField.sum('createdAtMs') })
    .get();
  const { last, first } = snap.data();
  return Math.max(0, ((last ?? 0) - (first ?? 0)) / 1000);
}

/** Revokes the open sessions matching the filter (a revoke, a removal from a batch). */
export async function revokeSessions(filter: { recordingId?: string; email?: string; uid?: string }, reason: string, nowMs: number): Promise<number> {
  let query: Query = sessions().where('expiresAtMs', '>', nowMs);
  if (filter.recordingId) query = query.where('recordingId', '==', filter.recordingId);
  if (filter.email) query = query.where('email', '==', filter.email.toLowerCase());
  if (filter.uid) query = query.where('uid', '==', filter.uid);
  const open = (await query.get()).docs.filter((d) => !d.get('revokedAtMs'));
  await Promise.all(open.map((d) => d.ref.update({ revokedAtMs: nowMs, revokeReason: reason })));
  return open.length;
}

/** Returns true while under the limit and records this request; false (with the wait) when over. */
export async function takeKeyToken(uid: string, recordingId: string, windowMs: number, nowMs: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
  const ref = db().collection('rateLimits').doc(`${uid}_${recordingId}`);
  return db().runTransaction(async (tx) => {
    const last = ((await tx.get(ref)).get('lastKeyAtMs') as number | undefined) ?? 0;
    if (nowMs - last < windowMs) return { ok: false as const, retryAfterMs: windowMs - (nowMs - last) };
    tx.set(ref, { lastKeyAtMs: nowMs });
    return { ok: true as const };
  });
}
