// The meetings a user can open: admins all, teachers their own, students their batches'.
import { canControlRecording } from '../domain/recording-guards';
import { Forbidden } from '../errors';
import { batchesWithMember } from '../store/access';
import type { Actor } from '../store/audit';
import { allMeetings, type Meeting } from '../store/meetings';
import { getUserProfile, userNames } from '../store/users';

export interface MeetingSummary {
  id: string;
  title: string;
  roomName: string;
  batchId: string | null;
  teacherName: string;
  teacherCanDownload: boolean;
  canControl: boolean;
}

export async function listMeetings(actor: Actor): Promise<MeetingSummary[]> {
  const user = await getUserProfile(actor.uid);
  if (!user) throw new Forbidden('Your account is not enrolled in LectureVault.');
  const all = await allMeetings();
  let visible: Meeting[];
  if (user.role === 'admin') visible = all;
  else if (user.role === 'teacher') visible = all.filter((m) => m.teacherUid === user.uid);
  else {
    const mine = await batchesWithMember(
      user.uid,
      all.map((m) => m.batchId),
    );
    visible = all.filter((m) => m.batchId !== null && mine.has(m.batchId));
  }
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
