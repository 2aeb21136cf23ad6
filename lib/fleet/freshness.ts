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

interface Fix {
  lat: number;
  lon: number;
  ts: number;
  speedKmh: number;
}

/**
 * Per vehicle: since when it has reported its current position, and whether a repeat of it
 * claimed motion (a frozen GPS, not a parked car). One rule for the live store and the replay fold,
 * so a replayed moment marks frozen GPS exactly as the live view did.
 */
export class StillPositions {
  private readonly still = new Map<string, { since: number; movedWhileStill: boolean }>();

  /** `previous`: the vehicle's newest fix before `fix` (undefined for its first); call for fixes that become the newest only. */
  note(vehicleId: string, previous: Fix | undefined, fix: Fix): void {
    const samePosition = previous !== undefined && previous.lat === fix.lat && previous.lon === fix.lon;
    const still = this.still.get(vehicleId);
    if (!samePosition || !still) this.still.set(vehicleId, { since: fix.ts, movedWhileStill: false });
    else if (fix.speedKmh >= MOVING_KMH) still.movedWhileStill = true;
  }

  /** Starts a vehicle from what a snapshot says of its still position (fleet.snapshots), before its later fixes are noted. */
  seed(vehicleId: string, since: number, movedWhileStill: boolean): void {
    this.still.set(vehicleId, { since, movedWhileStill });
  }

  /** The timing `freshnessOf` needs for the vehicle's newest fix. */
  timing<T extends { vehicleId: string; ts: number; receivedAt: number; speedKmh: number }>(fix: T): FixTiming {
    const still = this.still.get(fix.vehicleId);
    return {
      ts: fix.ts,
      receivedAt: fix.receivedAt,
      speedKmh: fix.speedKmh,
      positionSince: still?.since ?? fix.ts,
      movedWhileStill: still?.movedWhileStill ?? false,
    };
  }
}
