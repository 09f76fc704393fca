// Shared by the benchmarks: percentiles, timing and the one-line verdicts. Benchmarks report;
// they never fail a run, so every verdict is printed and the process still exits 0.

/** The p-th percentile (0–100) by nearest rank of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Milliseconds since `start` (a process.hrtime.bigint() reading), with sub-microsecond resolution. */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** A plain-text table: the first row is the header, columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export const verdict = (met: boolean): string => (met ? 'PASS' : 'BELOW GOAL');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a benchmark's main to its end, or gives up after `limitMs`: either way the process exits 0
 * (a benchmark reports; it does not fail CI), an error or the give-up printed.
 */
export function reportWithin(name: string, limitMs: number, main: () => Promise<void>): void {
  const guard = setTimeout(() => {
    console.error(`${name}: gave up after ${limitMs / 60_000} min`);
    process.exit(0);
  }, limitMs);
  main().then(
    () => (clearTimeout(guard), process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(0);
    },
  );
}
