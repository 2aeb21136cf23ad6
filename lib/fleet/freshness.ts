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
  /**
   * A fix repeating the current position claimed a speed of MOVING_KMH or more. Remembered, not
   * read off the latest fix: a frozen unit's speed still drops at every junction, and judging by
   * the latest speed made the mark vanish at each stop and come back when the car drove on.
   */
  movedWhileStill: boolean;
}

/** How far the latest fix can be trusted at `now`; the worst condition wins. */
export function freshnessOf(fix: FixTiming, now: number, rules: FreshnessRules): Freshness {
  if (now - fix.ts > rules.offlineAfterMs) return 'offline';
  if (fix.movedWhileStill && fix.ts - fix.positionSince >= rules.frozenAfterMs) return 'frozen';
  if (fix.receivedAt - fix.ts > rules.delayedAfterMs) return 'delayed';
  return 'live';
}
