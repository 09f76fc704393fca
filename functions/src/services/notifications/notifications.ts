// How people hear of things. Mail: "a new lecture is ready" to the students who may watch it (its
// batch, its grants, minus revocations and anyone who turned mail off), every alert to the admins,
// and each user's own choice to receive mail or not. Documents only (store/mail.ts): the Trigger
// Email extension does the sending. And the admin's alerts inbox: newest first, with an unread
// count; marking one read.
import type { Caller } from '../../domain/access/caller';
import { adminAlertMail, lectureReadyMail } from '../../domain/messages/mail-messages';
import { NotFound } from '../../errors';
import { appOrigin, schoolTimeZone } from '../../params';
import { lectureTitle } from '../../domain/recording/lecture-identity';
import { accessListsOfRecording, batchMemberUids } from '../../store/access';
import { alertPage, setAlertRead, type AlertView } from '../../store/alerts';
import { writeAudit } from '../../store/audit-writer';
import { queueMail, setMailOptOut } from '../../store/mail';
import { getMeeting } from '../../store/meetings';
import { getRecording } from '../../store/recordings';
import { userNames, userProfiles, usersWithEmails, usersWithRole, type UserProfile } from '../../store/users';
import { requireAdmin, requireEnrolled } from '../access/role-gates';

export type { AlertView } from '../../store/alerts';

const SETTINGS = () => `${appOrigin()}/#/library`;

// The opt-out rides on the profile already read (store/users.ts), so filtering costs no read.
const withoutOptedOut = (users: UserProfile[]) => users.filter((u) => u.mailEnabled && u.email);

/** Once a recording is finalized and playable: mails its students; how many mails were queued. */
export async function notifyLectureReady(recordingId: string, nowMs = Date.now()): Promise<number> {
  const recording = await getRecording(recordingId);
  if (!recording || recording.hidden || recording.deletingAtMs) return 0;
  if (recording.status !== 'ready' && recording.status !== 'incomplete') return 0;
  const meeting = await getMeeting(recording.meetingId);
  if (!meeting) return 0;
  const [members, lists] = await Promise.all([
    meeting.batchId ? batchMemberUids(meeting.batchId) : Promise.resolve([]),
    accessListsOfRecording(recordingId),
  ]);
  const revoked = new Set(lists.revoked.map((e) => e.toLowerCase()));
  const byUid = new Map<string, UserProfile>();
  for (const u of [...(await userProfiles(members)), ...(await usersWithEmails(lists.granted))]) byUid.set(u.uid, u);
  const students = [...byUid.values()].filter((u) => u.role === 'student' && !revoked.has(u.email.toLowerCase()));
  const teacherName = (await userNames([meeting.teacherUid])).get(meeting.teacherUid) ?? '';
  const title = lectureTitle(recording, meeting.title, schoolTimeZone());
  const messages = withoutOptedOut(students).map((u) =>
    lectureReadyMail(u.email, {
      title,
      teacherName,
      watchUrl: `${appOrigin()}/#/watch/${recordingId}`,
      settingsUrl: SETTINGS(),
    }),
  );
  return queueMail(`ready-${recordingId}`, messages, nowMs);
}

/** A new alert: every admin who has not turned mail off. */
export async function notifyAdminsOfAlert(
  alertId: string,
  alert: { kind: string; message: string },
  nowMs = Date.now(),
): Promise<number> {
  const admins = withoutOptedOut(await usersWithRole('admin'));
  const messages = admins.map((a) =>
    adminAlertMail(a.email, {
      kind: alert.kind,
      message: alert.message,
      consoleUrl: `${appOrigin()}/#/alerts`,
      settingsUrl: SETTINGS(),
    }),
  );
  return queueMail(`alert-${alertId}`, messages, nowMs);
}

/** A user's own choice to receive LectureVault mail or not (an enrolled account, itself only). */
export async function setMailEnabled(actor: Caller, enabled: boolean): Promise<void> {
  const user = await requireEnrolled(actor);
  await setMailOptOut(user.uid, !enabled);
}

/** The admin's alerts inbox: newest first, with an unread count. */
export async function listAlerts(actor: Caller, limit: number): Promise<{ alerts: AlertView[]; unread: number }> {
  await requireAdmin(actor, 'list-alerts');
  return alertPage(limit);
}

export async function markAlertRead(actor: Caller, alertId: string, nowMs = Date.now()): Promise<void> {
  await requireAdmin(actor, 'read-alert');
  if (!(await setAlertRead(alertId, actor.uid, nowMs))) throw new NotFound('No such alert.');
  await writeAudit(actor, { action: 'read-alert', outcome: 'ok', reason: alertId }, nowMs);
}
