// Lists of recordings by role.
import { checkAccess } from '../domain/access-check';
import type { RecordingStatus } from '../domain/recording-state';
import { expiryOf } from '../domain/retention';
import { accessListsOfEmail, batchesWithMember } from '../store/access';
import type { Actor } from '../store/audit';
import { allMeetings } from '../store/meetings';
import { latestRecordings, recordingsByIds, recordingsOfMeetings, type Recording } from '../store/recordings';
import { retentionDays } from '../store/settings';
import { viewingsOf } from '../store/viewing';
import { requireEnrolled } from './role-gates';

export interface RecordingSummary {
  id: string;
  meetingId: string;
  title: string;
  status: RecordingStatus;
  createdAtMs: number;
  startedAtMs: number | null;
  durationSeconds: number;
  reason: string | null;
  storedBytes: number | null;
  canDownload: boolean;
  /** Admins only: when retention (or the per-recording expiry, if earlier) removes it. */
  expiresAtMs: number | null;
  /** Admins only: the per-recording expiry an admin set, if any. */
  expiryOverrideMs: number | null;
  /** The caller's own viewing (server-measured), or null if they never watched it. */
  progress: { watchedSeconds: number; completion: number; resumeAtSeconds: number } | null;
}

/** Admins: all; teachers: their meetings'; students: what the access check allows, minus hidden ones. Newest first. */
export async function listRecordings(actor: Actor, nowMs = Date.now()): Promise<RecordingSummary[]> {
  const user = await requireEnrolled(actor);
  const [meetingList, days] = await Promise.all([allMeetings(), retentionDays()]);
  const meetings = new Map(meetingList.map((m) => [m.id, m]));
  let candidates: Recording[];
  if (user.role === 'admin') {
    candidates = await latestRecordings(500);
  } else if (user.role === 'teacher') {
    const own = [...meetings].filter(([, m]) => m.teacherUid === user.uid).map(([id]) => id);
    candidates = await recordingsOfMeetings(own);
  } else {
    const [{ granted, revoked }, inBatch] = await Promise.all([
      accessListsOfEmail(user.email),
      batchesWithMember(
        user.uid,
        meetingList.map((m) => m.batchId),
      ),
    ]);
    const meetingIds = [...meetings].filter(([, m]) => m.batchId && inBatch.has(m.batchId)).map(([id]) => id);
    const byMeeting = await recordingsOfMeetings(meetingIds);
    const byGrant = await recordingsByIds(granted);
    candidates = [...new Map([...byMeeting, ...byGrant].map((r) => [r.id, r])).values()].filter((r) => {
      const meeting = meetings.get(r.meetingId);
      return checkAccess({
        user: { uid: user.uid, role: user.role },
        recording: r,
        meeting: meeting ? { teacherUid: meeting.teacherUid, batchId: meeting.batchId } : null,
        granted: granted.has(r.id),
        revoked: revoked.has(r.id),
        batchMember: Boolean(meeting?.batchId && inBatch.has(meeting.batchId)),
        retentionDays: days,
        nowMs,
      }).allow;
    });
  }
  const listed = candidates
    .filter((r) => !r.deletingAtMs && (user.role !== 'student' || !r.hidden))
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
  // Progress is the students' (staff lists would pay a read per row for bars nobody reads).
  const viewed =
    user.role === 'student'
      ? await viewingsOf(
          user.uid,
          listed.map((r) => r.id),
        )
      : new Map();
  return listed.map((r) => {
    const meeting = meetings.get(r.meetingId);
    const own = viewed.get(r.id);
    return {
      id: r.id,
      meetingId: r.meetingId,
      title: meeting?.title ?? r.meetingId,
      status: r.status,
      createdAtMs: r.createdAtMs,
      startedAtMs: r.startedAtMs ?? null,
      durationSeconds: r.storedSeconds ?? r.durationSeconds ?? 0,
      reason: user.role === 'student' ? null : (r.reason ?? null),
      storedBytes: user.role === 'admin' ? (r.storedBytes ?? 0) : null,
      canDownload: user.role === 'admin' || (user.role === 'teacher' && meeting?.teacherCanDownload === true),
      expiresAtMs: user.role === 'admin' ? expiryOf(r, days) : null,
      expiryOverrideMs: user.role === 'admin' ? (r.expiresAtMs ?? null) : null,
      progress: own
        ? { watchedSeconds: own.watchedSeconds, completion: own.completion, resumeAtSeconds: own.positionSeconds }
        : null,
    };
  });
}
