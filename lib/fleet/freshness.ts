import type { Freshness } from '../realtime/events';

export interface FreshnessRules {
  /** Silent longer than this (by the fix's own time): offline. */
  offlineAfterMs: number;
  /** A fix that reached the BFF this long after it was taken: delayed. */
  delayedAfterMs: number;
  /** The same position for this long while the speed says the vehicle moves: frozen GPS. */
  frozenAfterMs: number;
}

/** Below this a vehicle is taken as standing still, so an unchanged position is expected. */
export const MOVING_KMH = 5;

export interface FixTiming {
  ts: number;
  receivedAt: number;
  speedKmh: number;
  /** When the vehicle first reported its current position (a position repeated since then keeps this time). */
  positionSince: number;
}

/** How far the latest fix can be trusted at `now`; the worst condition wins. */
export function freshnessOf(fix: FixTiming, now: number, rules: FreshnessRules): Freshness {
  if (now - fix.ts > rules.offlineAfterMs) return 'offline';
  if (fix.speedKmh >= MOVING_KMH && fix.ts - fix.positionSince >= rules.frozenAfterMs) return 'frozen';
  if (fix.receivedAt - fix.ts > rules.delayedAfterMs) return 'delayed';
  return 'live';
}
