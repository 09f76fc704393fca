// The facts the access check needs, fetched in batched reads (users, recording and settings
// together; then meeting, grant and revocation together; the batch membership only when it
// can decide), and the access records an admin manages: grants, revocations, batch membership.
// Grants and revocations are keyed by lowercased email so they work before the student ever
// signs in. Each grant also makes its holder a guest of the recording's meeting
// (meetings/{meetingId}/guests/{email}: the recordings granted and not revoked), written in the same
// batch, so firestore.rules can let guests follow the meeting's recording state.
import { FieldValue } from 'firebase-admin/firestore';
import type { AccessFacts } from '../domain/access/access-check';
import { db } from './firebase';
import { meetingOf, meetingRef, type Meeting } from './meetings';
import { recordingOf, recordingRef, type Recording } from './recordings';
import { settingsOf, settingsRef, type Settings } from './settings';
import { profileOf, userRef, type UserProfile } from './users';
import { indexedQuery } from './indexed-query';

const normalEmail = (email: string): string => email.trim().toLowerCase();
export const accessKey = (recordingId: string, email: string): string => `${recordingId}:${normalEmail(email)}`;
const grants = () => db().collection('grants');
const revocations = () => db().collection('revocations');
const grantRef = (recordingId: string, email: string) => grants().doc(accessKey(recordingId, email));
const revocationRef = (recordingId: string, email: string) => revocations().doc(accessKey(recordingId, email));
const batchRef = (batchId: string) => db().doc(`batches/${batchId}`);
const memberRef = (batchId: string, uid: string) => batchRef(batchId).collection('members').doc(uid);
const guestRef = (meetingId: string, email: string) =>
  meetingRef(meetingId).collection('guests').doc(normalEmail(email));
/** The guest document's change when `recordingId` starts or stops counting for that email. */
const guestChange = (email: string, recordingId: string, counts: boolean) => ({
  email: normalEmail(email),
  recordingIds: counts ? FieldValue.arrayUnion(recordingId) : FieldValue.arrayRemove(recordingId),
});

/** The batches among `batchIds` that `uid` belongs to, in one batched read. */
export async function batchesWithMember(
  uid: string,
  batchIds: Iterable<string | null | undefined>,
): Promise<Set<string>> {
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
  settings: Settings;
}

export async function loadAccess(uid: string | null, recordingId: string, nowMs: number): Promise<LoadedAccess> {
  const [userSnap, recordingSnap, settingsSnap] = await db().getAll(
    userRef(uid ?? '-'),
    recordingRef(recordingId),
    settingsRef(),
  );
  const user = uid && userSnap.exists ? profileOf(userSnap) : null;
  const recording = recordingSnap.exists ? recordingOf(recordingSnap) : null;
  const settings = settingsOf(settingsSnap);
  const { retentionDays } = settings;
  let meeting: Meeting | null = null;
  let granted = false;
  let revoked = false;
  let batchMember = false;
  if (user && recording) {
    const [meetingSnap, grantSnap, revocationSnap] = await db().getAll(
      meetingRef(recording.meetingId),
      grantRef(recordingId, user.email),
      revocationRef(recordingId, user.email),
    );
    meeting = meetingSnap.exists ? meetingOf(meetingSnap) : null;
    granted = grantSnap.exists;
    revoked = revocationSnap.exists;
    const decidedEarlier = user.role === 'admin' || meeting?.teacherUid === user.uid || revoked || granted;
    if (meeting?.batchId && !decidedEarlier) batchMember = (await memberRef(meeting.batchId, user.uid).get()).exists;
  }
  return {
    user,
    recording,
    meeting,
    settings,
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

/** Grants by email; lifts an earlier revocation of the same email in the same batch. */
export async function saveGrant(
  recording: { id: string; meetingId: string },
  email: string,
  grantedBy: string,
  nowMs: number,
): Promise<void> {
  const batch = db().batch();
  batch.set(grantRef(recording.id, email), {
    recordingId: recording.id,
    email: normalEmail(email),
    grantedBy,
    atMs: nowMs,
  });
  batch.delete(revocationRef(recording.id, email));
  batch.set(guestRef(recording.meetingId, email), guestChange(email, recording.id, true), { merge: true });
  await batch.commit();
}

export async function deleteGrant(recording: { id: string; meetingId: string }, email: string): Promise<void> {
  const batch = db().batch();
  batch.delete(grantRef(recording.id, email));
  batch.set(guestRef(recording.meetingId, email), guestChange(email, recording.id, false), { merge: true });
  await batch.commit();
}

export async function saveRevocation(
  recording: { id: string; meetingId: string },
  email: string,
  revokedBy: string,
  nowMs: number,
): Promise<void> {
  const batch = db().batch();
  batch.set(revocationRef(recording.id, email), {
    recordingId: recording.id,
    email: normalEmail(email),
    revokedBy,
    atMs: nowMs,
  });
  batch.set(guestRef(recording.meetingId, email), guestChange(email, recording.id, false), { merge: true });
  await batch.commit();
}

/** The meetings among `meetingIds` that `email` is a guest of (one batched read). */
export async function guestMeetings(email: string, meetingIds: readonly string[]): Promise<Set<string>> {
  if (!email || !meetingIds.length) return new Set();
  const snaps = await db().getAll(...meetingIds.map((m) => guestRef(m, email)));
  return new Set(
    meetingIds.filter((_, i) => ((snaps[i]!.get('recordingIds') as unknown[] | undefined) ?? []).length > 0),
  );
}

/** Lowercased emails granted, and revoked, for one recording. */
export async function accessListsOfRecording(recordingId: string): Promise<{ granted: string[]; revoked: string[] }> {
  const [granted, revoked] = await Promise.all([
    indexedQuery(grants(), { equals: { recordingId } }).get(),
    indexedQuery(revocations(), { equals: { recordingId } }).get(),
  ]);
  return {
    granted: granted.docs.map((d) => d.get('email') as string),
    revoked: revoked.docs.map((d) => d.get('email') as string),
  };
}

/** Ids of the recordings granted, and revoked, to one email. */
export async function accessListsOfEmail(email: string): Promise<{ granted: Set<string>; revoked: Set<string> }> {
  const [granted, revoked] = await Promise.all([
    indexedQuery(grants(), { equals: { email: normalEmail(email) } }).get(),
    indexedQuery(revocations(), { equals: { email: normalEmail(email) } }).get(),
  ]);
  const ids = (snap: typeof granted) => new Set(snap.docs.map((d) => d.get('recordingId') as string));
  return { granted: ids(granted), revoked: ids(revoked) };
}

export async function batchExists(batchId: string): Promise<boolean> {
  return (await batchRef(batchId).get()).exists;
}

export async function setBatchMembership(batchId: string, uid: string, member: boolean, nowMs: number): Promise<void> {
  if (member) await memberRef(batchId, uid).set({ addedAtMs: nowMs });
  else await memberRef(batchId, uid).delete();
}

export async function batchMemberUids(batchId: string): Promise<string[]> {
  return (await batchRef(batchId).collection('members').get()).docs.map((d) => d.id);
}
