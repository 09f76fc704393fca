// The meetings a user can open: admins all, teachers their own, students their batches'.
import { canControlRecording } from '../domain/recording-guards';
import { Forbidden } from '../errors';
import type { Actor } from '../store/audit';
import { db } from '../store/firebase';
import type { Meeting } from '../store/meetings';
import { getUserProfile } from '../store/users';

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
  const all = (await db().collection('meetings').get()).docs.map((d) => ({ id: d.id, ...d.data() }) as Meeting);
  let visible: Meeting[];
  if (user.role === 'admin') visible = all;
  else if (user.role === 'teacher') visible = all.filter((m) => m.teacherUid === user.uid);
  else {
    const batchIds = [...new Set(all.map((m) => m.batchId).filter((b): b is string => Boolean(b)))];
    const memberships = batchIds.length ? await db().getAll(...batchIds.map((b) => db().doc(`batches/${b}/members/${user.uid}`))) : [];
    const mine = new Set(memberships.filter((s) => s.exists).map((s) => s.ref.parent.parent!.id));
    visible = all.filter((m) => m.batchId !== null && mine.has(m.batchId));
  }
  const teacherIds = [...new Set(visible.map((m) => m.teacherUid))];
  const teachers = teacherIds.length ? await db().getAll(...teacherIds.map((uid) => db().doc(`users/${uid}`))) : [];
  const teacherName = new Map(teachers.map((s) => [s.id, (s.get('name') as string | undefined) ?? s.id]));
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
