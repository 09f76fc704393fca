// "Request access" (POST /api/access-requests): a student who meets a recording they may not watch,
// or an empty library, asks the admins. The request becomes an alert in the admins' inbox (mailed
// to them like every alert), naming the student and the lecture; one stands per student and
// recording until an admin has read it, and each student may ask a few times an hour. The student
// is told "Request sent" whatever happened: whether the recording exists, is already theirs or
// raised an alert is never in the reply (docs/access-requests.md).
import type { Caller } from '../../domain/access/caller';
import { maskEmail } from '../../domain/access/caller';
import {
  ACCESS_REQUEST_KIND,
  accessRequestKey,
  accessRequestMessage,
  grantWouldHelp,
  type Requester,
} from '../../domain/access/access-request';
import { lectureTitle } from '../../domain/recording/lecture-identity';
import { Forbidden, RateLimited } from '../../errors';
import { schoolTimeZone } from '../../params';
import { raiseAlertUntilRead, type AlertFields } from '../../store/alerts';
import { writeAudit } from '../../store/audit-writer';
import { countRequest } from '../../store/rate-limits';
import { requireEnrolled } from './role-gates';
import { decide } from './viewer-decision';

/** A student asks at most this often: a few lectures linked in one mail, not a sweep of ids. */
export const ACCESS_REQUEST_LIMIT = { perWindow: 5, windowMs: 60 * 60_000 } as const;

/** Whether an alert was raised: for the tests and the audit, never for the reply. */
export async function requestAccess(actor: Caller, recordingId: string | null, nowMs = Date.now()): Promise<boolean> {
  const user = await requireEnrolled(actor);
  if (user.role !== 'student') {
    throw new Forbidden('Only students request access here; staff ask an admin directly.');
  }
  // Counted before anything is looked up, so a sweep of ids is refused whether they exist or not.
  const verdict = await countRequest(
    ACCESS_REQUEST_KIND,
    actor.uid,
    ACCESS_REQUEST_LIMIT.perWindow,
    ACCESS_REQUEST_LIMIT.windowMs,
    nowMs,
  );
  if (!verdict.ok) {
    await writeAudit(actor, { action: 'request-access', outcome: 'refused', reason: 'rate-limited' }, nowMs);
    throw new RateLimited(Math.ceil(verdict.retryAfterMs / 1000));
  }
  const who = { name: user.name, maskedEmail: maskEmail(user.email) };
  const about = recordingId === null ? libraryRequest(who) : await recordingRequest(actor, recordingId, who, nowMs);
  if (!about) return false;
  const alert = { ...about, personUid: actor.uid };
  const raised = await raiseAlertUntilRead(accessRequestKey(actor.uid, recordingId), alert, nowMs);
  if (raised) {
    await writeAudit(actor, { action: 'request-access', outcome: 'ok', recordingId: alert.recordingId }, nowMs);
  }
  return raised;
}

const libraryRequest = (who: Requester): AlertFields => ({
  kind: ACCESS_REQUEST_KIND,
  message: accessRequestMessage(who, null),
});

/** The alert for a recording an admin can open to the student; null when there is none to act on. */
async function recordingRequest(
  actor: Caller,
  recordingId: string,
  who: Requester,
  nowMs: number,
): Promise<AlertFields | null> {
  const { decision, recording, meeting } = await decide(actor, recordingId, nowMs);
  if (!grantWouldHelp(decision) || !recording || !meeting) return null;
  const title = lectureTitle(recording, meeting.title, schoolTimeZone());
  return {
    kind: ACCESS_REQUEST_KIND,
    message: accessRequestMessage(who, { title, meetingTitle: meeting.title }),
    recordingId,
    meetingId: recording.meetingId,
  };
}
