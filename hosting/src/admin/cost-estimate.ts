// The Storage page's monthly cost estimate: its shape in GET /api/storage (validated here, kept
// apart from the rest of the storage figures) and the words the page shows for it. The server
// prices it (functions/src/domain/cost-model.ts); the page only reads it out.
import { fields, list, num, str, type Fields } from '../api/parse';
import { formatBytes } from '../models/format-derive';

export interface CostEstimate {
  readonly monthlyUsd: number;
  readonly lines: readonly { readonly key: string; readonly label: string; readonly usd: number }[];
  readonly basis: { readonly days: number; readonly recordedHours: number; readonly viewerHours: number; readonly storedBytes: number };
  readonly pricesReadOn: string;
}

export function parseCostEstimate(value: unknown): CostEstimate {
  const what = 'the cost estimate';
  const v = fields(value, what);
  const basis: Fields = fields(v['basis'], what);
  return {
    monthlyUsd: num(v, 'monthlyUsd', what),
    lines: list(v, 'lines', what, (line) => {
      const l = fields(line, what);
      return { key: str(l, 'key', what), label: str(l, 'label', what), usd: num(l, 'usd', what) };
    }),
    basis: {
      days: num(basis, 'days', what),
      recordedHours: num(basis, 'recordedHours', what),
      viewerHours: num(basis, 'viewerHours', what),
      storedBytes: num(basis, 'storedBytes', what),
    },
    pricesReadOn: str(v, 'pricesReadOn', what),
  };
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatUsd = (amount: number): string => usd.format(amount);

const hours = (h: number) => `${h >= 10 ? Math.round(h) : h.toFixed(1)} h`;

/** The lines that cost something, dearest first, and the one line of assumptions under them. */
export function costEstimateView(estimate: CostEstimate): { total: string; lines: { label: string; amount: string }[]; basis: string } {
  const { days, recordedHours, viewerHours, storedBytes } = estimate.basis;
  const activity =
    recordedHours > 0 || viewerHours > 0
      ? `the last ${days} days repeated (${hours(recordedHours)} recorded, ${hours(viewerHours)} watched)`
      : `nothing recorded or watched in the last ${days} days`;
  return {
    total: formatUsd(estimate.monthlyUsd),
    lines: estimate.lines
      .filter((l) => l.usd > 0)
      .sort((a, b) => b.usd - a.usd)
      .map((l) => ({ label: l.label, amount: formatUsd(l.usd) })),
    basis:
      `Assumes ${formatBytes(storedBytes)} stored all month and ${activity}; Firebase Blaze list prices read on ${estimate.pricesReadOn}, ` +
      'free tier deducted; taxes, Auth and deploy storage not included.',
  };
}
