export type OccupancyLevel = 'none' | 'low' | 'moderate' | 'high' | 'over';

/** Colour bands of the plan and list: fixed, so a colour means the same on every screen. */
export function occupancyLevel(pct: number): OccupancyLevel {
  if (pct <= 0) return 'none';
  if (pct < 50) return 'low';
  if (pct < 80) return 'moderate';
  if (pct < 100) return 'high';
  return 'over';
}

/** "04:59": the time left, never negative. */
export function formatCountdown(ms: number): string {
  const totalS = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(totalS / 60)).padStart(2, '0')}:${String(totalS % 60).padStart(2, '0')}`;
}
