// What a student's "Request access" becomes: whether there is anything for an admin to act on,
// the key that keeps one request standing per student and subject, and the alert's words. Pure.
import type { AccessDecision } from './access-check';

/** The alert kind of an access request (the inbox's label and its "Manage access" link follow it). */
export const ACCESS_REQUEST_KIND = 'access-request';

/**
 * Only a refusal an admin can lift with a grant is worth an alert: no access, or a revocation (a
 * grant lifts it). A recording that does not exist, cannot be played, has expired or is already
 * the student's raises nothing, and the student is told the same "Request sent" either way.
 */
export function grantWouldHelp(decision: AccessDecision): boolean {
  return !decision.allow && (decision.why === 'no-access' || decision.why === 'revoked');
}

/** One standing request per student and recording (or, without one, per student for the library). */
export const accessRequestKey = (uid: string, recordingId: string | null): string =>
  `${ACCESS_REQUEST_KIND}_${uid}_${recordingId ?? 'library'}`;

export interface Requester {
  readonly name: string;
  /** Already masked (maskEmail): the alert is mailed and kept, and holds no full address. */
  readonly maskedEmail: string;
}

export function accessRequestMessage(who: Requester, lecture: { title: string; meetingTitle: string } | null): string {
  const student = `${who.name || 'A student'} (${who.maskedEmail})`;
  if (!lecture) return `${student} has no lectures in their library and asks for access.`;
  const where = lecture.title === lecture.meetingTitle ? '' : ` of “${lecture.meetingTitle}”`;
  return `${student} asks for access to “${lecture.title}”${where}.`;
}
