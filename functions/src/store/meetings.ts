// meetings/{id} and the live room state rooms/{roomName} (participants from LiveKit webhooks).
import { db } from './firebase';

export interface Meeting {
  id: string;
  title: string;
  roomName: string;
  batchId: string | null;
  teacherUid: string;
  teacherCanDownload: boolean;
}

export async function getMeeting(meetingId: string): Promise<Meeting | null> {
  const snap = await db().collection('meetings').doc(meetingId).get();
  return snap.exists ? ({ id: snap.id, ...snap.data() } as Meeting) : null;
}

export async function allMeetings(): Promise<Meeting[]> {
  return (await db().collection('meetings').get()).docs.map((d) => ({ id: d.id, ...d.data() }) as Meeting);
}

export async function meetingsForRoom(roomName: string): Promise<Meeting[]> {
  const snap = await db().collection('meetings').where('roomName', '==', roomName).get();
  return snap.docs.map((d) => ({ id: d.id, ...d.data() }) as Meeting);
}

export const roomRef = (roomName: string) => db().collection('rooms').doc(roomName);

/** Identities in the room, in the order they joined. */
export async function participantIdentities(roomName: string): Promise<string[]> {
  const snap = await roomRef(roomName).get();
  const joined = (snap.get('participants') as Record<string, number> | undefined) ?? {};
  return Object.entries(joined)
    .sort(([, a], [, b]) => a - b)
    .map(([identity]) => identity);
}
