// Pure rules of the recordings console: the list grouped by meeting.
import type { RecordingSummary } from '../../api/recordings-api';

export interface MeetingGroup {
  readonly title: string;
  readonly meetingId: string;
  readonly recordings: readonly RecordingSummary[];
}

/** Recordings grouped by meeting; groups ordered by their newest recording, rows newest first. */
export function groupByMeeting(recordings: readonly RecordingSummary[]): MeetingGroup[] {
  const groups = new Map<string, RecordingSummary[]>();
  for (const r of [...recordings].sort((a, b) => b.createdAtMs - a.createdAtMs)) {
    const rows = groups.get(r.meetingId) ?? [];
    rows.push(r);
    groups.set(r.meetingId, rows);
  }
  return [...groups].map(([meetingId, rows]) => ({ meetingId, title: rows[0]!.title, recordings: rows }));
}
