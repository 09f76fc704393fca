// Who watched a recording, and how much: the viewing documents (server-measured from delivery
// receipts, services/playback/playback.ts) joined with the viewers' profiles. For admins and the meeting's
// teacher only; everyone else gets the same 403, audited, whether or not the recording exists.
import type { Caller } from '../../domain/access/caller';
import { Forbidden, NotFound } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import { getMeeting } from '../../store/meetings';
import { getRecording, type Recording } from '../../store/recordings';
import { userProfiles } from '../../store/users';
import { viewersOfRecording } from '../../store/viewing';
import { requireEnrolled } from '../access/role-gates';

const STAFF_ONLY = 'Only an admin or the meeting’s teacher can see this.';

/** The recording, if the caller is an admin or its meeting's teacher; a 403 (audited) otherwise. */
export async function requireRecordingStaff(actor: Caller, recordingId: string, action: string): Promise<Recording> {
  const user = await requireEnrolled(actor);
  const recording = user.role === 'student' ? null : await getRecording(recordingId);
  if (user.role === 'admin') {
    if (!recording) throw new NotFound('No such recording.');
    return recording;
  }
  const meeting = recording ? await getMeeting(recording.meetingId) : null;
  if (recording && meeting?.teacherUid === user.uid) return recording;
  await writeAudit(actor, { action, outcome: 'denied', recordingId, reason: `not-staff (${user.role})` });
  throw new Forbidden(STAFF_ONLY);
}

export interface ViewerRow {
  uid: string;
  name: string;
  email: string;
  watchedSeconds: number;
  completion: number;
  sessions: number;
  firstWatchedAtMs: number;
  lastWatchedAtMs: number;
}

/** GET /api/recordings/:id/viewers: most watched first. */
export async function viewersOf(actor: Caller, recordingId: string): Promise<ViewerRow[]> {
  await requireRecordingStaff(actor, recordingId, 'viewers');
  const viewings = await viewersOfRecording(recordingId);
  const profiles = new Map((await userProfiles(viewings.map((v) => v.uid))).map((p) => [p.uid, p]));
  return viewings
    .map((v) => ({
      uid: v.uid,
      name: profiles.get(v.uid)?.name ?? v.uid,
      email: profiles.get(v.uid)?.email ?? '',
      watchedSeconds: v.watchedSeconds,
      completion: v.completion,
      sessions: v.sessions,
      firstWatchedAtMs: v.firstWatchedAtMs,
      lastWatchedAtMs: v.lastWatchedAtMs,
    }))
    .sort((a, b) => b.watchedSeconds - a.watchedSeconds || a.name.localeCompare(b.name));
}
