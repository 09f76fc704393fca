// playbackSessions/{sessionId}: one viewer watching one recording. Segment URLs and the playback
// cookie are bound to it; revoking it stops the viewer's next segment, key or playlist request.
import { randomBytes } from 'node:crypto';
import { db, removeAt } from './firebase';
import { indexedQuery } from './indexed-query';

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
/** An ended session is kept a week for investigations, then the TTL policy deletes it. */
const KEEP_ENDED_SESSION_MS = 7 * 86_400_000;
const sessionTtl = (expiresAtMs: number) => removeAt(expiresAtMs + KEEP_ENDED_SESSION_MS);

export async function createSession(session: Omit<PlaybackSession, 'id'>): Promise<PlaybackSession> {
  const id = randomBytes(16).toString('base64url');
  await sessions()
    .doc(id)
    .create({ ...session, ...sessionTtl(session.expiresAtMs) });
  return { id, ...session };
}

export async function getSession(id: string): Promise<PlaybackSession | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const snap = await sessions().doc(id).get();
  return snap.exists ? ({ id, ...snap.data() } as PlaybackSession) : null;
}

export async function updateSession(id: string, patch: Partial<Omit<PlaybackSession, 'id'>>): Promise<void> {
  // A renewal moves the end, and with it the TTL.
  await sessions()
    .doc(id)
    .update(patch.expiresAtMs === undefined ? patch : { ...patch, ...sessionTtl(patch.expiresAtMs) });
}

/** Revokes the open sessions matching the filter (a revoke, a removal from a batch). */
export async function revokeSessions(
  filter: { recordingId?: string; email?: string; uid?: string },
  reason: string,
  nowMs: number,
): Promise<number> {
  const query = indexedQuery(sessions(), {
    equals: { recordingId: filter.recordingId, email: filter.email?.toLowerCase(), uid: filter.uid },
    range: [['expiresAtMs', '>', nowMs]],
  });
  const open = (await query.get()).docs.filter((d) => !d.get('revokedAtMs'));
  await Promise.all(open.map((d) => d.ref.update({ revokedAtMs: nowMs, revokeReason: reason })));
  return open.length;
}

/** Returns true while under the limit and records this request; false (with the wait) when over. */
export async function takeKeyToken(
  uid: string,
  recordingId: string,
  windowMs: number,
  nowMs: number,
): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
  const ref = db().collection('rateLimits').doc(`${uid}_${recordingId}`);
  return db().runTransaction(async (tx) => {
    const last = ((await tx.get(ref)).get('lastKeyAtMs') as number | undefined) ?? 0;
    if (nowMs - last < windowMs) return { ok: false as const, retryAfterMs: windowMs - (nowMs - last) };
    tx.set(ref, { lastKeyAtMs: nowMs, ...removeAt(nowMs + windowMs) }); // past its window a record means nothing
    return { ok: true as const };
  });
}
