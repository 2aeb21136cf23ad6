/**
 * A vehicle's normal range for one metric over its recent points: median ± 3 scaled MADs. Robust,
 * so an overheating engine does not drag its own "normal" up with it the way mean ± 2σ would.
 */
export function normalBand(values: readonly number[]): { low: number; high: number } | null {
  if (values.length < 5) return null;
  const median = medianOf(values);
  // 1.4826 turns the median absolute deviation into a standard deviation for normal data.
  const spread = Math.max(1.4826 * medianOf(values.map((value) => Math.abs(value - median))), 0.5);
  return { low: median - 3 * spread, high: median + 3 * spread };
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
