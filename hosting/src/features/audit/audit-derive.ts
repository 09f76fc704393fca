// Pure derivations for the audit log viewer: who and what an entry is about in words (names and
// titles, with ids kept where nothing better is known), and the CSV export of the entries
// (ui/csv.ts writes it and defuses formula cells: a reason, a name or a title is someone's input).
import type { AuditEntry } from '../../api/admin-api';
import { csvDocument } from '../../ui/csv';

/** Who did it: the name and the masked email the log stored; the system and anonymous callers by that word. */
export function whoText(e: Pick<AuditEntry, 'uid' | 'email' | 'name'>): string {
  if (e.uid === 'system') return 'System';
  if (e.uid === 'anonymous') return 'Anonymous';
  if (e.name) return e.email ? `${e.name} (${e.email})` : e.name;
  return e.email ?? e.uid ?? '—';
}

/** What it was about: the recording's title, else its meeting's, else the raw id (a recording since deleted). */
export function subjectText(
  e: Pick<AuditEntry, 'recordingId' | 'meetingId' | 'recordingTitle' | 'meetingTitle'>,
): string {
  if (e.recordingTitle) return e.recordingTitle;
  if (e.recordingId) return e.meetingTitle ? `${e.meetingTitle} (recording ${e.recordingId})` : e.recordingId;
  return e.meetingTitle ?? e.meetingId ?? '—';
}

export const AUDIT_CSV_HEADER = [
  'time_utc',
  'name',
  'email_masked',
  'user_id',
  'action',
  'outcome',
  'recording_title',
  'recording_id',
  'meeting_title',
  'meeting_id',
  'detail',
  'ip',
] as const;

export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvDocument(
    AUDIT_CSV_HEADER,
    entries.map((e) => [
      new Date(e.atMs).toISOString(),
      e.name,
      e.email,
      e.uid,
      e.action,
      e.outcome,
      e.recordingTitle,
      e.recordingId,
      e.meetingTitle,
      e.meetingId,
      e.reason,
      e.ip,
    ]),
  );
}

/** The export's file name: the log and the moment it was taken. */
export const auditCsvFileName = (nowMs: number): string =>
  `audit-log-${new Date(nowMs).toISOString().slice(0, 16).replace(':', '')}Z.csv`;
