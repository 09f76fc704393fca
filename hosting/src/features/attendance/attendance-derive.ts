// Pure derivations for the Attendance section: the viewers table as CSV (RFC 4180, with a guard
// against spreadsheet formula injection: a name is whatever the account holder typed).
import type { ViewerStats } from '../../api/attendance-api';

const iso = (ms: number) => new Date(ms).toISOString();

/** A CSV cell: quoted when needed; a leading = + - @ (a formula to Excel) is defused with a '. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  const lines = [VIEWERS_CSV_HEADER.join(',')];
  for (const v of rows) {
    lines.push(
      [
        v.name,
        v.email,
        v.watchedSeconds,
        Math.round(v.completion * 100),
        v.sessions,
        iso(v.firstWatchedAtMs),
        iso(v.lastWatchedAtMs),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** A file name for the export: the recording's title and date, filesystem-safe. */
export function csvFileName(title: string, createdAtMs: number): string {
  const slug =
    title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'recording';
  return `viewers-${slug}-${iso(createdAtMs).slice(0, 10)}.csv`;
}
