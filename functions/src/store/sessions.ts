// playbackSessions/{sessionId}: one viewer watching one recording. Segment URLs and the playback
// cookie are bound to it; revoking it stops the viewer's next segment, key or playlist request.
import { randomBytes } from 'node:crypto';
import { AggregateField, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { db, removeAt } from './firebase';
import { indexedQuery } from './indexed-query';

/** The stored playback session (the wire's PlaybackSession, in @lecturevault/contract, is what the viewer is sent). */
export interface SessionDoc {
  id: string;
  uid: string;
  email: string;
  recordingId: string;
  /** The recording's meeting: a change to the meeting (its batch, its teacher) finds its sessions. */
  meetingId?: string;
  createdAtMs: number;
  expiresAtMs: number;
  lastHeartbeatMs: number;
  positionSeconds?: number;
  revokedAtMs?: number;
  revokeReason?: string;
  /** A marked recording's session: its codeword (forensicMarks/{id} keeps it after the session is gone). */
  codewordSeed?: string;
}

const sessions = () => db().collection('playbackSessions');
/** An ended session is kept a week for investigations, then the TTL policy deletes it. */
const KEEP_ENDED_SESSION_MS = 7 * 86_400_000;
const sessionTtl = (expiresAtMs: number) => removeAt(expiresAtMs + KEEP_ENDED_SESSION_MS);

export async function createSession(session: Omit<SessionDoc, 'id'>): Promise<SessionDoc> {
  const id = randomBytes(16).toString('base64url');
  await sessions()
    .doc(id)
    .create({ ...session, ...sessionTtl(session.expiresAtMs) });
  return { id, ...session };
}

export async function getSession(id: string): Promise<SessionDoc | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(id)) return null;
  const snap = await sessions().doc(id).get();
  return snap.exists ? ({ id, ...snap.data() } as SessionDoc) : null;
}

export async function updateSession(id: string, patch: Partial<Omit<SessionDoc, 'id'>>): Promise<void> {
  // A renewal moves the end, and with it the TTL.
  await sessions()
    .doc(id)
    .update(patch.expiresAtMs === undefined ? patch : { ...patch, ...sessionTtl(patch.expiresAtMs) });
}

/**
 * Time watched in sessions opened since `fromMs`: from first request to last heartbeat, summed in
 * one aggregation as Σ lastHeartbeatMs − Σ createdAtMs (sums are linear), so the estimate never
 * reads the sessions one by one.
 */
export async function watchedSecondsSince(fromMs: number): Promise<number> {
  const snap = await indexedQuery(sessions(), {
    range: [['createdAtMs', '>=', fromMs]],
    sums: ['lastHeartbeatMs', 'createdAtMs'],
  })
    .aggregate({ last: AggregateField.sum('lastHeartbeatMs'), first: AggregateField.sum('createdAtMs') })
    .get();
  const { last, first } = snap.data();
  return Math.max(0, ((last ?? 0) - (first ?? 0)) / 1000);
}

export interface SessionFilter {
  recordingId?: string;
  meetingId?: string;
  email?: string;
  uid?: string;
}

const sessionOf = (d: QueryDocumentSnapshot): SessionDoc => ({ id: d.id, ...d.data() }) as SessionDoc;

/** The open sessions (unexpired, not revoked) matching the filter; every open session without one. */
export async function openSessions(filter: SessionFilter, nowMs: number): Promise<SessionDoc[]> {
  const query = indexedQuery(sessions(), {
    equals: {
      recordingId: filter.recordingId,
      meetingId: filter.meetingId,
      email: filter.email?.toLowerCase(),
      uid: filter.uid,
    },
    range: [['expiresAtMs', '>', nowMs]],
  });
  return (await query.get()).docs.filter((d) => !d.get('revokedAtMs')).map(sessionOf);
}

/**
 * A user's sessions that are alive: opened or heartbeating since `sinceMs`, unexpired, not revoked;
 * newest first. A closed tab stops heartbeating and drops out on its own.
 */
export async function liveSessionsOf(uid: string, sinceMs: number, nowMs: number): Promise<SessionDoc[]> {
  const query = indexedQuery(sessions(), { equals: { uid }, range: [['lastHeartbeatMs', '>', sinceMs]] });
  return (await query.get()).docs
    .map(sessionOf)
    .filter((s) => !s.revokedAtMs && s.expiresAtMs > nowMs)
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/** Ends these sessions for good; their next playlist, key, segment or heartbeat is refused with `reason`. */
export async function endSessions(ids: readonly string[], reason: string, nowMs: number): Promise<void> {
  await Promise.all(ids.map((id) => sessions().doc(id).update({ revokedAtMs: nowMs, revokeReason: reason })));
}

/** Revokes the open sessions matching the filter (a revoke, a removal from a batch). */
export async function revokeSessions(filter: SessionFilter, reason: string, nowMs: number): Promise<number> {
  const open = await openSessions(filter, nowMs);
  await endSessions(
    open.map((s) => s.id),
    reason,
    nowMs,
  );
  return open.length;
}
