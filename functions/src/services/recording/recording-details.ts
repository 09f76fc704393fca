// A recording's title and description, edited by an admin or the meeting's teacher (audited), and
// the search tokens the library finds it by (its title, its meeting's title, its teacher's name).
import type { Caller } from '../../domain/access/caller';
import { searchTokens } from '../../domain/library/library-search';
import { writeAudit } from '../../store/audit-writer';
import { getMeeting, type Meeting } from '../../store/meetings';
import { patchRecording, type Recording } from '../../store/recordings';
import { userNames } from '../../store/users';
import { requireRecordingStaff } from '../attendance/attendance';

/** The tokens of a recording of this meeting, under this title (the meeting's own when none). */
export async function tokensFor(meeting: Pick<Meeting, 'title' | 'teacherUid'>, title?: string): Promise<string[]> {
  const teacher = (await userNames([meeting.teacherUid])).get(meeting.teacherUid);
  return searchTokens(title ?? meeting.title, meeting.title, teacher);
}

/**
 * Writes the tokens of a recording that has none (one adopted, or made before the library had
 * search); tokens written at the start or by an edit are kept.
 */
export async function ensureSearchTokens(
  recording: Pick<Recording, 'id' | 'meetingId' | 'title' | 'searchTokens'>,
): Promise<void> {
  if (recording.searchTokens?.length) return;
  const meeting = await getMeeting(recording.meetingId);
  if (meeting) await patchRecording(recording.id, { searchTokens: await tokensFor(meeting, recording.title) });
}

export async function updateRecordingDetails(
  actor: Caller,
  recordingId: string,
  details: { title: string; description: string },
  nowMs = Date.now(),
): Promise<void> {
  const recording = await requireRecordingStaff(actor, recordingId, 'edit-details');
  const meeting = await getMeeting(recording.meetingId);
  await patchRecording(recordingId, {
    title: details.title,
    description: details.description,
    searchTokens: meeting ? await tokensFor(meeting, details.title) : undefined,
  });
  await writeAudit(
    actor,
    {
      action: 'edit-details',
      outcome: 'ok',
      recordingId,
      meetingId: recording.meetingId,
      reason: `title was "${(recording.title ?? meeting?.title ?? '').slice(0, 80)}"`,
    },
    nowMs,
  );
}
