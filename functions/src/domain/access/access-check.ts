// The access check (docs/access-and-playback.md): one pure function over facts fetched in a single
// batched read, answering every read path — list, watch, playlist, key, media, download.
//   1 signed in? 2 admin → allow. 3 the meeting's teacher → allow. 4 expired → deny.
//   5 revoked → deny (revoke always wins). 6 granted → allow. 7 member of the meeting's batch → allow.
//   8 otherwise deny. A meeting without a batch: admins, its teacher and explicit grants only.
import type { RecordingStatus } from '../recording/recording-state';
import { isExpired } from '../recording/retention';
import type { Role, Via } from '@lecturevault/contract';

export type { Role };

export interface AccessFacts {
  user: { uid: string; role: Role } | null;
  recording: {
    meetingId: string;
    status: RecordingStatus;
    hidden?: boolean;
    createdAtMs: number;
    endedAtMs?: number;
    expiresAtMs?: number | null;
    deletingAtMs?: number;
  } | null;
  meeting: { teacherUid: string; batchId: string | null; teacherCanDownload?: boolean } | null;
  granted: boolean;
  revoked: boolean;
  batchMember: boolean;
  retentionDays: number;
  nowMs: number;
}

export type AccessDecision =
  | { allow: true; via: Via }
  | {
      allow: false;
      why: 'signed-out' | 'not-enrolled' | 'not-found' | 'not-playable' | 'expired' | 'revoked' | 'no-access';
    };

/**
 * Whether a recording can be played at all: not a hidden one (under 10 s or aborted: kept for the
 * record, played by nobody), not failed, not being deleted. A running one, live, for staff only.
 */
function playable(r: NonNullable<AccessFacts['recording']>, staff: boolean): boolean {
  if (r.deletingAtMs || r.hidden || r.status === 'failed') return false;
  if (r.status === 'ready' || r.status === 'incomplete') return true;
  return staff;
}

export function checkAccess(f: AccessFacts): AccessDecision {
  if (!f.user) return { allow: false, why: 'signed-out' };
  if (!f.recording || !f.meeting || f.recording.deletingAtMs) return { allow: false, why: 'not-found' };
  const admin = f.user.role === 'admin';
  const teacher = f.user.role === 'teacher' && f.meeting.teacherUid === f.user.uid;
  if (!playable(f.recording, admin || teacher)) return { allow: false, why: 'not-playable' };
  if (admin) return { allow: true, via: 'admin' };
  if (teacher) return { allow: true, via: 'teacher' };
  if (isExpired(f.recording, f.retentionDays, f.nowMs)) return { allow: false, why: 'expired' };
  if (f.revoked) return { allow: false, why: 'revoked' };
  if (f.granted) return { allow: true, via: 'grant' };
  if (f.meeting.batchId && f.batchMember) return { allow: true, via: 'batch' };
  return { allow: false, why: 'no-access' };
}

/** Download: admins always; the meeting's teacher when the meeting allows it; students never. */
export function checkDownload(f: AccessFacts): AccessDecision {
  const watch = checkAccess(f);
  if (!watch.allow) return watch;
  if (watch.via === 'admin') return watch;
  if (watch.via === 'teacher' && f.meeting?.teacherCanDownload) return watch;
  return { allow: false, why: 'no-access' };
}
