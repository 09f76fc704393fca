// meetings/{id}: a lecture series, its LiveKit room, batch and teacher.
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

export interface Meeting {
  id: string;
  title: string;
  roomName: string;
  batchId: string | null;
  teacherUid: string;
  teacherCanDownload: boolean;
}

const meetings = () => db().collection('meetings');

/** For store modules that read a meeting in their own batched read. */
export const meetingRef = (meetingId: string) => meetings().doc(meetingId);

/** The one document → Meeting converter (for an existing document). */
export const meetingOf = (snap: DocumentSnapshot): Meeting => ({ id: snap.id, ...snap.data() }) as Meeting;

export async function getMeeting(meetingId: string): Promise<Meeting | null> {
  const snap = await meetingRef(meetingId).get();
  return snap.exists ? meetingOf(snap) : null;
}

export async function allMeetings(): Promise<Meeting[]> {
  return (await meetings().get()).docs.map(meetingOf);
}

export async function meetingsForRoom(roomName: string): Promise<Meeting[]> {
  return (await indexedQuery(meetings(), { equals: { roomName } }).get()).docs.map(meetingOf);
}

export async function setTeacherCanDownload(meetingId: string, allowed: boolean): Promise<void> {
  await meetingRef(meetingId).update({ teacherCanDownload: allowed });
}

/** The course's phrase list for machine captions (replaces the old one). */
export async function setSpeechPhrases(meetingId: string, phrases: readonly string[]): Promise<void> {
  await meetingRef(meetingId).update({ speechPhrases: [...phrases] });
}

/** The course's phrase list for machine captions; none when never set. */
export const speechPhrasesOf = (meeting: Meeting | null): string[] =>
  ((meeting as { speechPhrases?: unknown } | null)?.speechPhrases as string[] | undefined) ?? [];
