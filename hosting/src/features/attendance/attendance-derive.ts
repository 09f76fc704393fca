// Pure derivations for the Attendance section: the viewers table as CSV (ui/csv.ts writes it, with
// its guard against spreadsheet formula injection: a name is whatever the account holder typed).
import type { ViewerStats } from '../../api/attendance-api';
import { csvDocument, fileSlug } from '../../ui/csv';

const iso = (ms: number) => new Date(ms).toISOString();

export const VIEWERS_CSV_HEADER = [
  'name',
  'email',
  'watched_seconds',
  'completion_percent',
  'sessions',
  'first_watched_utc',
  'last_watched_utc',
] as const;

export function viewersCsv(rows: readonly ViewerStats[]): string {
  return csvDocument(
    VIEWERS_CSV_HEADER,
    rows.map((v) => [
      v.name,
      v.email,
      v.watchedSeconds,
      Math.round(v.completion * 100),
      v.sessions,
      iso(v.firstWatchedAtMs),
      iso(v.lastWatchedAtMs),
    ]),
  );
}

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** A file name for the export: the recording's title and date, filesystem-safe. */
export function csvFileName(title: string, createdAtMs: number): string {
  return `viewers-${fileSlug(title, 'recording')}-${iso(createdAtMs).slice(0, 10)}.csv`;
}
