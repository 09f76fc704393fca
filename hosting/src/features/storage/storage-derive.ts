// Pure rules of the storage dashboard: how worried the usage figures look, and the chart geometry.

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
