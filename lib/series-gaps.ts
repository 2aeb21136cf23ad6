/**
 * Gaps in a time series: where the data stopped and resumed (the demo was down, a vehicle was
 * offline). A line must not be drawn across one, or it shows readings that never happened. One
 * rule for every chart and route: consecutive points further apart than GAP_FACTOR times the
 * series' usual spacing. Relative, so it holds for a 1 Hz history and for a route thinned to a
 * point a minute alike.
 */

/** Steps longer than this many times the usual spacing are gaps, not a slower report rate. */
export const GAP_FACTOR = 5;

/** A gap: the last point before it and the first after it. */
export interface SeriesGap {
  from: number;
  to: number;
}

/** The usual spacing of times in order: the median positive step (a repeated time is no step). */
export function usualSpacing(times: readonly number[]): number | undefined {
  const steps = times
    .slice(1)
    .map((ts, i) => ts - (times[i] as number))
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)];
}

/** The gaps of times in order. */
export function findGaps(times: readonly number[], factor = GAP_FACTOR): SeriesGap[] {
  const spacing = usualSpacing(times);
  if (spacing === undefined) return [];
  const gaps: SeriesGap[] = [];
  for (let i = 1; i < times.length; i += 1) {
    const [from, to] = [times[i - 1] as number, times[i] as number];
    if (to - from > factor * spacing) gaps.push({ from, to });
  }
  return gaps;
}

/** Points in time order split at each gap: the runs a map draws as the lines of a MultiLineString. */
export function splitAtGaps<T extends { ts: number }>(points: readonly T[], gaps: readonly SeriesGap[]): T[][] {
  const starts = new Set(gaps.map((gap) => gap.to));
  const runs: T[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    if (run && !starts.has(point.ts)) run.push(point);
    else runs.push([point]);
  }
  return runs;
}

/**
 * Points in time order with `breakAt(ts)` inserted in the middle of each gap: a point whose values
 * are null, across which a chart (recharts, as the sales chart's empty minutes) draws no line.
 */
export function withBreaks<T extends { ts: number }, B>(points: readonly T[], gaps: readonly SeriesGap[], breakAt: (ts: number) => B): (T | B)[] {
  const middles = new Map(gaps.map((gap) => [gap.to, gap.from + (gap.to - gap.from) / 2]));
  return points.flatMap((point) => {
    const middle = middles.get(point.ts);
    return middle === undefined ? [point] : [breakAt(middle), point];
  });
}
