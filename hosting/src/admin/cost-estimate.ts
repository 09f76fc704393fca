// The Storage page's monthly cost estimate in words. The server prices it
// (functions/src/domain/cost-model.ts); its shape is the wire schema's (GET /api/storage).
import type { CostEstimate } from '../api/wire';
import { formatBytes } from '../models/format-derive';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatUsd = (amount: number): string => usd.format(amount);

const hours = (h: number) => `${h >= 10 ? Math.round(h) : h.toFixed(1)} h`;

/** The lines that cost something, dearest first, and the one line of assumptions under them. */
export function costEstimateView(estimate: CostEstimate): {
  total: string;
  lines: { label: string; amount: string }[];
  basis: string;
} {
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
