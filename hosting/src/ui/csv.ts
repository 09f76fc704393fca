// CSV files the console exports (attendance, the audit log): RFC 4180 cells and lines, the guard
// against spreadsheet formula injection (every text cell is someone's input: a name, a reason, a
// user agent), file names, and saving the text as a download. One owner for every export.

/**
 * A CSV cell: quoted when needed. A text starting with = + - @, a tab or a carriage return is a
 * formula (or turns into one) to Excel, LibreOffice and Sheets: defused with a leading '.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the header line, then one line per row, CRLF-terminated (RFC 4180). */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return (
    [header.map(csvCell), ...rows.map((row) => row.map(csvCell))].map((cells) => cells.join(',')).join('\r\n') + '\r\n'
  );
}

/** A filesystem-safe slug of a title, for a file name ("Lecture 3: Hearts" → "Lecture-3-Hearts"). */
export function fileSlug(title: string, fallback: string): string {
  return (
    title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || fallback
  );
}

/** Saves `text` as a CSV file through the browser's download. */
export function saveCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
