// Admin access management: grants by email (before an account exists), revocations (always win),
// batch membership, the teacher's download permission, and "who can watch and why". Revoking or
// removing cuts the affected open playback sessions at once.
import { NotFound } from '../../errors';
import { type Caller, maskEmail } from '../../domain/access/caller';
import type { Sent, viewer } from '@lecturevault/contract';
import {
  accessListsOfRecording,
  batchExists,
  batchMemberUids,
  deleteGrant,
  saveGrant,
  saveRevocation,
  setBatchMembership,
} from '../../store/access';
import { writeAudit } from '../../store/audit-writer';
import { getMeeting, setTeacherCanDownload } from '../../store/meetings';
import { getRecording } from '../../store/recordings';
import { revokeSessions } from '../../store/sessions';
import { getUserProfile, userProfiles, usersWithRole } from '../../store/users';
import { requireAdmin } from './role-gates';
import { cutRefusedSessions } from '../playback/session-control';

const lower = (email: string) => email.trim().toLowerCase();

async function existingRecording(recordingId: string) {
  const recording = await getRecording(recordingId);
  if (!recording) throw new NotFound('No such recording.');
  return recording;
}

/** Grants access by email; lifts an earlier revocation of the same email (the admin changed their mind). */
export async function grantAccess(
  actor: Caller,
  recordingId: string,
  email: string,
  nowMs = Date.now(),
): Promise<void> {
  await requireAdmin(actor, 'grant', recordingId);
  const recording = await existingRecording(recordingId);
  await saveGrant(recording, email, actor.uid, nowMs);
  await writeAudit(
    actor,
    { action: 'grant', outcome: 'ok', recordingId, meetingId: recording.meetingId, reason: maskEmail(lower(email)) },
    nowMs,
  );
}

export async function removeGrant(
  actor: Caller,
  recordingId: string,
  email: string,
  nowMs = Date.now(),
): Promise<void> {
  await requireAdmin(actor, 'ungrant', recordingId);
  await deleteGrant(await existingRecording(recordingId), email);
  await revokeSessions({ recordingId, email: lower(email) }, 'no-access', nowMs);
  await writeAudit(actor, { action: 'ungrant', outcome: 'ok', recordingId, reason: maskEmail(lower(email)) }, nowMs);
}

/** Revokes one person's access to one recording, even over batch membership or a grant. */
export async function revokeAccess(
  actor: Caller,
  recordingId: string,
  email: string,
  nowMs = Date.now(),
): Promise<number> {
  await requireAdmin(actor, 'revoke', recordingId);
  const recording = await existingRecording(recordingId);
  await saveRevocation(recording, email, actor.uid, nowMs);
  const cut = await revokeSessions({ recordingId, email: lower(email) }, 'revoked', nowMs);
  await writeAudit(
    actor,
    {
      action: 'revoke',
      outcome: 'ok',
      recordingId,
      meetingId: recording.meetingId,
      reason: `${maskEmail(lower(email))}; ${cut} session(s) cut`,
    },
    nowMs,
  );
  return cut;
}

export async function setBatchMember(
  actor: Caller,
  batchId: string,
  uid: string,
  member: boolean,
  nowMs = Date.now(),
): Promise<void> {
  await requireAdmin(actor, member ? 'batch-add' : 'batch-remove');
  if (!(await batchExists(batchId))) throw new NotFound('No such batch.');
  await setBatchMembership(batchId, uid, member, nowMs);
  if (!member) {
    // Their open sessions are re-checked on the next request anyway; cutting them makes it
    // immediate. Re-checked, not all cut: a grant or another batch may still let them watch.
    await cutRefusedSessions({ uid }, nowMs);
  }
  await writeAudit(
    actor,
    { action: member ? 'batch-add' : 'batch-remove', outcome: 'ok', reason: `${batchId}: ${uid}` },
    nowMs,
  );
}

export async function setTeacherDownload(
  actor: Caller,
  meetingId: string,
  allowed: boolean,
  nowMs = Date.now(),
): Promise<void> {
  await requireAdmin(actor, 'teacher-download');
  if (!(await getMeeting(meetingId))) throw new NotFound('No such meeting.');
  await setTeacherCanDownload(meetingId, allowed);
  await writeAudit(
    actor,
    { action: 'teacher-download', outcome: 'ok', meetingId, reason: allowed ? 'allowed' : 'not allowed' },
    nowMs,
  );
}

/** One person who can watch, as the access list sends them (the contract's viewer). */
export type Viewer = Sent<typeof viewer>;

/** Who can watch a recording and why (admins, its teacher, batch members, grants), revocations marked. */
export async function whoCanWatch(
  actor: Caller,
  recordingId: string,
): Promise<{ viewers: Viewer[]; revoked: string[] }> {
  await requireAdmin(actor, 'list-access', recordingId);
  const recording = await existingRecording(recordingId);
  const meeting = await getMeeting(recording.meetingId);
  const [admins, lists, memberUids] = await Promise.all([
    usersWithRole('admin'),
    accessListsOfRecording(recordingId),
    meeting?.batchId ? batchMemberUids(meeting.batchId) : Promise.resolve([]),
  ]);
  const revoked = new Set(lists.revoked);
  const members = await userProfiles(memberUids);
  const teacher = meeting ? await getUserProfile(meeting.teacherUid) : null;
  const viewers: Viewer[] = [
    ...admins.map((u) => ({ who: u.email, name: u.name, via: 'admin' as const, revoked: false })),
    ...(teacher ? [{ who: teacher.email, name: teacher.name, via: 'teacher' as const, revoked: false }] : []),
    ...members.map((u) => ({
      who: u.email,
      name: u.name,
      via: 'batch' as const,
      revoked: revoked.has(lower(u.email)),
    })),
    ...lists.granted.map((email) => ({ who: email, via: 'grant' as const, revoked: revoked.has(email) })),
  ];
  return { viewers, revoked: [...revoked] };
}
