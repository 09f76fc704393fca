// The facts the access check needs, fetched in batched reads (users, recording and settings
// together; then meeting, grant and revocation together; the batch membership only when it
// can decide). Grants and revocations are keyed by lowercased email so they work before the
// student ever signs in.
import type { AccessFacts } from '../domain/access-check';
import { db } from './firebase';
import type { Meeting } from './meetings';
import type { Recording } from './recordings';
import { settingsOf, settingsRef } from './settings';
import type { UserProfile } from './users';

export const accessKey = (recordingId: string, email: string): string => `${recordingId}:${email.trim().toLowerCase()}`;
export const grantRef = (recordingId: string, email: string) => db().collection('grants').doc(accessKey(recordingId, email));
export const revocationRef = (recordingId: string, email: string) => db().collection('revocations').doc(accessKey(recordingId, email));
export const memberRef = (batchId: string, uid: string) => db().doc(`batches/${batchId}/members/${uid}`);

/** The batches among `batchIds` that `uid` belongs to, in one batched read. */
export async function batchesWithMember(uid: string, batchIds: Iterable<string | null | undefined>): Promise<Set<string>> {
  const ids = [...new Set([...batchIds].filter((b): b is string => Boolean(b)))];
  if (!ids.length) return new Set();
  const snaps = await db().getAll(...ids.map((b) => memberRef(b, uid)));
  return new Set(ids.filter((_, i) => snaps[i]!.exists));
}

export interface LoadedAccess {
  facts: AccessFacts;
  user: UserProfile | null;
  recording: Recording | null;
  meeting: Meeting | null;
}

export async function loadAccess(uid: string | null, recordingId: string, nowMs: number): Promise<LoadedAccess> {
  const [userSnap, recordingSnap, settingsSnap] = await db().getAll(db().doc(`users/${uid ?? '-'}`), db().doc(`recordings/${recordingId}`), settingsRef());
  const user = uid && userSnap.exists ? ({ uid, ...userSnap.data() } as UserProfile) : null;
  const recording = recordingSnap.exists ? ({ id: recordingSnap.id, ...recordingSnap.data() } as Recording) : null;
  const { retentionDays } = settingsOf(settingsSnap);
  let meeting: Meeting | null = null;
  let granted = false;
  let revoked = false;
  let batchMember = false;
  if (user && recording) {
    const [meetingSnap, grantSnap, revocationSnap] = await db().getAll(
      db().doc(`meetings/${recording.meetingId}`),
      grantRef(recordingId, user.email),
      revocationRef(recordingId, user.email),
    );
    meeting = meetingSnap.exists ? ({ id: meetingSnap.id, ...meetingSnap.data() } as Meeting) : null;
    granted = grantSnap.exists;
    revoked = revocationSnap.exists;
    const decidedEarlier = user.role === 'admin' || meeting?.teacherUid === user.uid || revoked || granted;
    if (meeting?.batchId && !decidedEarlier) batchMember = (await memberRef(meeting.batchId, user.uid).get()).exists;
  }
  return {
    user,
    recording,
    meeting,
    facts: {
      user: user && { uid: user.uid, role: user.role },
      recording,
      meeting,
      granted,
      revoked,
      batchMember,
      retentionDays,
      nowMs,
    },
  };
}
