// Formatting shared by every page: bytes, dates and durations in the reader's locale, and the
// values of date inputs.

/** 1536 → "1.5 KB" (1024-based, like the server's messages). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatDate(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** 75 → "01:15"; 3725 → "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
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
