/**
 * Colour bands of the plan and list, lightest to darkest: fixed, so a colour means the same on
 * every screen (`ink`: the text colour readable on it). Seven steps under and over capacity, so 55 % and 95 % never look alike; the legend
 * is drawn from this same table.
 */
export const OCCUPANCY_BANDS = [
  { level: 'none', upTo: 0, label: 'empty', colour: '#eef1f4', ink: '#1f2328' },
  { level: 'low', upTo: 25, label: '< 25 %', colour: '#d4efd6', ink: '#1f2328' },
  { level: 'light', upTo: 50, label: '25–50 %', colour: '#a8dcae', ink: '#1f2328' },
  { level: 'moderate', upTo: 70, label: '50–70 %', colour: '#fbe39b', ink: '#1f2328' },
  { level: 'busy', upTo: 85, label: '70–85 %', colour: '#f8c46c', ink: '#1f2328' },
  { level: 'high', upTo: 100, label: '85–100 %', colour: '#f28e4c', ink: '#1f2328' },
  { level: 'over', upTo: 120, label: '100–120 %', colour: '#e0524b', ink: '#ffffff' },
  { level: 'crush', upTo: Number.POSITIVE_INFINITY, label: '≥ 120 %', colour: '#a3161b', ink: '#ffffff' },
] as const;

export type OccupancyBand = (typeof OCCUPANCY_BANDS)[number];
export type OccupancyLevel = OccupancyBand['level'];

/** The band of an occupancy: `none` only when empty, every other band up to (not including) its `upTo`. */
export function occupancyBand(pct: number): OccupancyBand {
  if (pct <= 0) return OCCUPANCY_BANDS[0];
  // The last band's `upTo` is infinite, so a band is always found.
  return OCCUPANCY_BANDS.find((band) => band.level !== 'none' && pct < band.upTo) as OccupancyBand;
}

export function occupancyLevel(pct: number): OccupancyLevel {
  return occupancyBand(pct).level;
}

/** "04:59": the time left, never negative. */
export function formatCountdown(ms: number): string {
  const totalS = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(totalS / 60)).padStart(2, '0')}:${String(totalS % 60).padStart(2, '0')}`;
}
