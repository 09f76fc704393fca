// The meetings a user can see: admins all, teachers their own, students their batches', and the
// meetings a user is a guest of (a grant to one of its recordings). The one
// owner of that rule (domain canSeeMeeting over live facts): the directory and the meeting state
// both ask here.
import type { Caller } from '../../domain/access/caller';
import { canControlRecording, canSeeMeeting } from '../../domain/recording/recording-guards';
import { Forbidden, NotFound } from '../../errors';
import { batchesWithMember, guestMeetings } from '../../store/access';
import { allMeetings, getMeeting, type Meeting } from '../../store/meetings';
import { userNames, type UserProfile } from '../../store/users';
import { requireEnrolled } from '../access/role-gates';
import type * as wire from '@lecturevault/contract';

/** A meeting as the directory lists it (the contract's MeetingSummary), with what the server also uses. */
export type MeetingSummary = wire.MeetingSummary & { batchId: string | null; teacherCanDownload: boolean };

/**
 * The meetings among `meetings` that `user` may see: one batched read of the student's memberships,
 * then one of the guest entries for the meetings still hidden (a batch member reads no guest entry).
 */
async function visibleTo(user: UserProfile, meetings: Meeting[]): Promise<Meeting[]> {
  if (user.role === 'admin') return meetings;
  const memberOf =
    user.role === 'student'
      ? await batchesWithMember(
          user.uid,
          meetings.map((m) => m.batchId),
        )
      : new Set<string>();
  const none = new Set<string>();
  const seen = (m: Meeting, guestOf: ReadonlySet<string>) =>
    canSeeMeeting(user, { ...m, batchId: m.batchId ?? null }, { memberOf, guestOf });
  const hidden = meetings.filter((m) => !seen(m, none));
  const guestOf = await guestMeetings(
    user.email,
    hidden.map((m) => m.id),
  );
  return meetings.filter((m) => seen(m, guestOf));
}

/**
 * The meeting, if the caller may see it. Only an admin (who sees every meeting) is told that one
 * does not exist; anyone else gets the same 403 for a missing meeting and another's, so meeting
 * ids cannot be probed.
 */
export async function visibleMeeting(
  actor: Caller,
  meetingId: string,
): Promise<{ user: UserProfile; meeting: Meeting }> {
  const [user, meeting] = await Promise.all([requireEnrolled(actor), getMeeting(meetingId)]);
  if (!meeting && user.role === 'admin') throw new NotFound('No such meeting.');
  if (!meeting || !(await visibleTo(user, [meeting])).length) throw new Forbidden('This meeting is not one of yours.');
  return { user, meeting };
}

export async function listMeetings(actor: Caller): Promise<MeetingSummary[]> {
  const user = await requireEnrolled(actor);
  const visible = await visibleTo(user, await allMeetings());
  const teacherName = await userNames(visible.map((m) => m.teacherUid));
  return visible
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((m) => ({
      id: m.id,
      title: m.title,
      roomName: m.roomName,
      batchId: m.batchId ?? null,
      teacherName: teacherName.get(m.teacherUid) ?? m.teacherUid,
      teacherCanDownload: m.teacherCanDownload === true,
      canControl: canControlRecording(user, m),
    }));
}
