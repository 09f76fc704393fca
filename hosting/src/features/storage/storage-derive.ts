// Pure rules of the admin console: grouping, date inputs, storage figures and chart geometry.
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

const pad = (n: number) => String(n).padStart(2, '0');

/** ms → the value of an <input type="date"> in local time ("" for none). */
export function dateInputValue(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "YYYY-MM-DD" → the end of that local day in ms; null for an empty or malformed value. */
export function endOfDayMs(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d, 23, 59, 59, 999);
  return date.getMonth() === m - 1 ? date.getTime() : null;
}

/** "YYYY-MM-DD" → the start of that local day in ms (audit "from"). */
export function startOfDayMs(value: string): number | null {
  const end = endOfDayMs(value);
  return end === null ? null : end - 86_400_000 + 1;
}

export type Level = 'ok' | 'warn' | 'critical';

/** Share of the quota (or capacity) in use, and how worried to look. */
export function usageLevel(
  usedBytes: number,
  limitBytes: number,
  thresholdRatio: number,
): { ratio: number; level: Level } {
  const ratio = limitBytes > 0 ? usedBytes / limitBytes : 0;
  return { ratio, level: ratio >= 0.95 ? 'critical' : ratio >= thresholdRatio ? 'warn' : 'ok' };
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly x: number;
  readonly width: number;
  readonly y: number;
}

/** Horizontal bars: one row per item, widths proportional to the largest value. */
export function barGeometry(
  items: readonly { label: string; value: number }[],
  width: number,
  rowHeight: number,
): Bar[] {
  const max = Math.max(1, ...items.map((i) => i.value));
  return items.map((item, index) => ({
    label: item.label,
    value: item.value,
    x: 0,
    width: item.value > 0 ? Math.max(2, Math.round((item.value / max) * width)) : 0,
    y: index * rowHeight,
  }));
}

const ALERT_KINDS: Readonly<Record<string, string>> = {
  'segment-missing': 'Upload failed',
  'upload-gap': 'Segments missing',
  'storage-threshold': 'Storage',
  'orphan-adopted': 'Recovered recording',
  'stray-egress': 'Stray recording stopped',
  'egress-failed': 'Recording crashed',
  'limit-reached': 'Length limit reached',
  'egress-lost': 'Recording engine restarted',
};

export function alertKindLabel(kind: string): string {
  return ALERT_KINDS[kind] ?? kind.replace(/-/g, ' ');
}
