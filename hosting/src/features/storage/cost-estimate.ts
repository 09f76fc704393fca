// The Storage page's monthly cost estimate in words. The server prices it
// (functions/src/domain/storage/cost-model.ts); its shape is the wire schema's (GET /api/storage).
import type { CostEstimate } from '../../api/wire';
import { formatBytes } from '../../ui/format-derive';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatUsd = (amount: number): string => usd.format(amount);

const hours = (h: number) => `${h >= 10 ? Math.round(h) : h.toFixed(1)} h`;

/** The lines that cost something, dearest first, and the one line of assumptions under them. */
export function costEstimateView(estimate: CostEstimate): {
  total: string;
  lines: { label: string; amount: string }[];
  basis: string;
  /** What the forensic watermark costs, when any stored recording carries it. */
  watermark: string | null;
  /** What the adaptive ladder's lower rungs cost, when any stored recording has them. */
  ladder: string | null;
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
    watermark: watermarkLine(estimate.watermark, storedBytes),
    ladder: ladderLine(estimate.ladder, storedBytes),
    basis:
      `Assumes ${formatBytes(storedBytes)} stored all month and ${activity}; Firebase Blaze list prices read on ${estimate.pricesReadOn}, ` +
      'free tier deducted; taxes, Auth and deploy storage not included.',
  };
}

/**
 * A marked recording stores its video twice (variants A and B, docs/forensic-watermark.md): the
 * share of the stored bytes that the second copy and the references take, and its part of the
 * storage line.
 */
function watermarkLine(watermark: CostEstimate['watermark'], storedBytes: number): string | null {
  if (watermark.bytes <= 0) return null;
  const share = storedBytes > 0 ? Math.round((watermark.bytes / storedBytes) * 100) : 0;
  return (
    `Forensic watermark: ${formatBytes(watermark.bytes)} of the stored bytes (${share} %) are its second copy of the ` +
    `video (×2 for the video of each marked recording) and its reference frames; ${formatUsd(watermark.usd)} of the storage line.`
  );
}

/** The ladder's lower rungs (both variants of each when marked) and audio only: docs/adaptive-ladder.md. */
function ladderLine(ladder: CostEstimate['ladder'], storedBytes: number): string | null {
  if (ladder.bytes <= 0) return null;
  const share = storedBytes > 0 ? Math.round((ladder.bytes / storedBytes) * 100) : 0;
  return (
    `Adaptive quality: ${formatBytes(ladder.bytes)} of the stored bytes (${share} %) are the lower-quality copies ` +
    `and the audio-only copy that slow connections play; ${formatUsd(ladder.usd)} of the storage line.`
  );
}
