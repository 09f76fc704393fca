// Lists of recordings by role, and the audit log query.
import { checkAccess } from '../domain/access-check';
import { expiryOf } from '../domain/retention';
import { Forbidden } from '../errors';
import { batchesWithMember } from '../store/access';
import type { Actor } from '../store/audit';
import { db } from '../store/firebase';
import { allMeetings } from '../store/meetings';
import type { Recording } from '../store/recordings';
import { retentionDays } from '../store/settings';
import { getUserProfile } from '../store/users';

export interface RecordingSummary {
  id: string;
  meetingId: string;
  title: string;
  status: string;
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
}

const asRecording = (d: FirebaseFirestore.QueryDocumentSnapshot) => ({ id: d.id, ...d.data() }) as Recording;

/** Admins: all; teachers: their meetings'; students: what the access check allows, minus hidden ones. Newest first. */
export async function listRecordings(actor: Actor, nowMs = Date.now()): Promise<RecordingSummary[]> {
  const user = await getUserProfile(actor.uid);
  if (!user) throw new Forbidden('Your account is not enrolled in LectureVault.');
  const [meetingList, days] = await Promise.all([allMeetings(), retentionDays()]);
  const meetings = new Map(meetingList.map((m) => [m.id, m]));
  let candidates: Recording[];
  if (user.role === 'admin') {
    candidates = (await db().collection('recordings').orderBy('createdAtMs', 'desc').limit(500).get()).docs.map(asRecording);
  } else if (user.role === 'teacher') {
    const own = [...meetings].filter(([, m]) => m.teacherUid === user.uid).map(([id]) => id);
    candidates = own.length ? (await db().collection('recordings').where('meetingId', 'in', own.slice(0, 30)).get()).docs.map(asRecording) : [];
  } else {
    const email = user.email.toLowerCase();
    const [grants, revocations, inBatch] = await Promise.all([
      db().collection('grants').where('email', '==', email).get(),
      db().collection('revocations').where('email', '==', email).get(),
      batchesWithMember(user.uid, meetingList.map((m) => m.batchId)),
    ]);
    const granted = new Set(grants.docs.map((d) => d.get('recordingId') as string));
    const revoked = new Set(revocations.docs.map((d) => d.get('recordingId') as string));
    const meetingIds = [...meetings].filter(([, m]) => m.batchId && inBatch.has(m.batchId)).map(([id]) => id);
    const byMeeting = meetingIds.length ? (await db().collection('recordings').where('meetingId', 'in', meetingIds.slice(0, 30)).get()).docs.map(asRecording) : [];
    const byGrant = granted.size ? (await db().getAll(...[...granted].map((id) => db().doc(`recordings/${id}`)))).filter((s) => s.exists).map((s) => ({ id: s.id, ...s.data() }) as Recording) : [];
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
  return candidates
    .filter((r) => !r.deletingAtMs && (user.role !== 'student' || !r.hidden))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
    .map((r) => {
      const meeting = meetings.get(r.meetingId);
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
      };
    });
}

export interface AuditQuery {
  recordingId?: string;
  uid?: string;
  action?: string;
  outcome?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
  after?: number;
}

export async function queryAudit(actor: Actor, q: AuditQuery) {
  const user = await getUserProfile(actor.uid);
  if (user?.role !== 'admin') throw new Forbidden('Only an admin can read the audit log.');
  let query: FirebaseFirestore.Query = db().collection('auditLog');
  for (const field of ['recordingId', 'uid', 'action', 'outcome'] as const) if (q[field]) query = query.where(field, '==', q[field]);
  if (q.fromMs !== undefined) query = query.where('atMs', '>=', q.fromMs);
  if (q.toMs !== undefined) query = query.where('atMs', '<=', q.toMs);
  query = query.orderBy('atMs', 'desc');
  if (q.after !== undefined) query = query.startAfter(q.after);
  const page = await query.limit(q.limit).get();
  const entries = page.docs.map((d) => ({ id: d.id, ...d.data() }));
  const last = page.docs[page.docs.length - 1];
  return { entries, next: page.size === q.limit && last ? (last.get('atMs') as number) : null };
}
