// Admin access management: grants by email (before an account exists), revocations (always win),
// batch membership, the teacher's download permission, and "who can watch and why". Revoking or
// removing cuts the affected open playback sessions at once.
import { NotFound } from '../errors';
import { maskEmail } from '../domain/mask';
import { grantRef, memberRef, revocationRef } from '../store/access';
import { writeAudit, type Actor } from '../store/audit';
import { db } from '../store/firebase';
import { getMeeting } from '../store/meetings';
import { getRecording } from '../store/recordings';
import { revokeSessions } from '../store/sessions';
import { requireAdmin } from './admin-recordings';

const lower = (email: string) => email.trim().toLowerCase();

async function existingRecording(recordingId: string) {
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  return recording;
}

/** Grants access by email; lifts an earlier revocation of the same email (the admin changed their mind). */
export async function grantAccess(actor: Actor, recordingId: string, email: string, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'grant', recordingId);
  const recording = await existingRecording(recordingId);
  const batch = db().batch();
  batch.set(grantRef(recordingId, email), { recordingId, email: lower(email), grantedBy: actor.uid, atMs: nowMs });
  batch.delete(revocationRef(recordingId, email));
  await batch.commit();
  await writeAudit(actor, { action: 'grant', outcome: 'ok', recordingId, meetingId: recording.meetingId, reason: maskEmail(lower(email)) }, nowMs);
}

export async function removeGrant(actor: Actor, recordingId: string, email: string, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'ungrant', recordingId);
  await existingRecording(recordingId);
  await grantRef(recordingId, email).delete();
  await revokeSessions({ recordingId, email: lower(email) }, 'no-access', nowMs);
  await writeAudit(actor, { action: 'ungrant', outcome: 'ok', recordingId, reason: maskEmail(lower(email)) }, nowMs);
}

/** Revokes one person's access to one recording, even over batch membership or a grant. */
export async function revokeAccess(actor: Actor, recordingId: string, email: string, nowMs = Date.now()): Promise<number> {
  await requireAdmin(actor, 'revoke', recordingId);
  const recording = await existingRecording(recordingId);
  await revocationRef(recordingId, email).set({ recordingId, email: lower(email), revokedBy: actor.uid, atMs: nowMs });
  const cut = await revokeSessions({ recordingId, email: lower(email) }, 'revoked', nowMs);
  await writeAudit(actor, { action: 'revoke', outcome: 'ok', recordingId, meetingId: recording.meetingId, reason: `${maskEmail(lower(email))}; ${cut} session(s) cut` }, nowMs);
  return cut;
}

export async function setBatchMember(actor: Actor, batchId: string, uid: string, member: boolean, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, member ? 'batch-add' : 'batch-remove');
  if (!(await db().doc(`batches/${batchId}`).get()).exists) throw new NotFound('No such batch.');
  if (member) {
    await memberRef(batchId, uid).set({ addedAtMs: nowMs });
  } else {
    await memberRef(batchId, uid).delete();
    // Their open sessions are re-checked on the next request anyway; cutting them makes it immediate.
    await revokeSessions({ uid }, 'no-access', nowMs);
  }
  await writeAudit(actor, { action: member ? 'batch-add' : 'batch-remove', outcome: 'ok', reason: `${batchId}: ${uid}` }, nowMs);
}

export async function setTeacherDownload(actor: Actor, meetingId: string, allowed: boolean, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'teacher-download');
  if (!(await getMeeting(meetingId))) throw new NotFound('No such meeting.');
  await db().doc(`meetings/${meetingId}`).update({ teacherCanDownload: allowed });
  await writeAudit(actor, { action: 'teacher-download', outcome: 'ok', meetingId, reason: allowed ? 'allowed' : 'not allowed' }, nowMs);
}

export interface Viewer {
  who: string;
  name?: string;
  via: 'admin' | 'teacher' | 'batch' | 'grant';
  revoked: boolean;
}

/** Who can watch a recording and why (admins, its teacher, batch members, grants), revocations marked. */
export async function whoCanWatch(actor: Actor, recordingId: string): Promise<{ viewers: Viewer[]; revoked: string[] }> {
  await requireAdmin(actor, 'list-access', recordingId);
  const recording = await existingRecording(recordingId);
  const meeting = await getMeeting(recording.meetingId);
  const [admins, grants, revocations, members] = await Promise.all([
    db().collection('users').where('role', '==', 'admin').get(),
    db().collection('grants').where('recordingId', '==', recordingId).get(),
    db().collection('revocations').where('recordingId', '==', recordingId).get(),
    meeting?.batchId ? db().collection(`batches/${meeting.batchId}/members`).get() : Promise.resolve(null),
  ]);
  const revoked = new Set(revocations.docs.map((d) => d.get('email') as string));
  const memberUsers = members?.size ? await db().getAll(...members.docs.map((d) => db().doc(`users/${d.id}`))) : [];
  const teacher = meeting ? await db().doc(`users/${meeting.teacherUid}`).get() : null;
  const viewers: Viewer[] = [
    ...admins.docs.map((d) => ({ who: d.get('email') as string, name: d.get('name') as string, via: 'admin' as const, revoked: false })),
    ...(teacher?.exists ? [{ who: teacher.get('email') as string, name: teacher.get('name') as string, via: 'teacher' as const, revoked: false }] : []),
    ...memberUsers.filter((u) => u.exists).map((u) => ({ who: u.get('email') as string, name: u.get('name') as string, via: 'batch' as const, revoked: revoked.has(lower(u.get('email') as string)) })),
    ...grants.docs.map((d) => ({ who: d.get('email') as string, via: 'grant' as const, revoked: revoked.has(d.get('email') as string) })),
  ];
  return { viewers, revoked: [...revoked] };
}
