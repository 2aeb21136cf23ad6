import type { ZoneOccupancy } from '@/lib/contracts/campus';

export const WINDOW_MS = 15 * 60_000;

/** What a row needs to know of its zone; taken from the zones table when the sighting is counted. */
export interface ZoneRef {
  zoneId: string;
  name: string;
  capacity: number;
}

interface ZoneCount {
  zone: ZoneRef;
  badges: Set<string>;
  sightings: number;
}

interface WindowState {
  start: number;
  zones: Map<string, ZoneCount>;
  /** Zones changed since the last partial row. */
  dirty: Set<string>;
}

export function windowStartOf(eventTime: number): number {
  return Math.floor(eventTime / WINDOW_MS) * WINDOW_MS;
}

export function occupancyKey(row: Pick<ZoneOccupancy, 'zoneId' | 'windowStart' | 'window'>): string {
  return `${row.zoneId}|${row.window === 'live' ? 'live' : row.windowStart}`;
}

/**
 * Distinct badges per zone in 15-minute tumbling windows of event time. A badge seen ten times
 * counts once; a badge that walked from one zone to another counts in both (it was in both
 * during the window). A window is final once the watermark passes its end, and is then written
 * exactly once with `final: true` and forgotten; a sighting for a closed window is too late.
 */
export class ZoneWindows {
  private readonly windows = new Map<number, WindowState>();
  private closedUpTo = -Infinity;

  isTooLate(eventTime: number): boolean {
    return windowStartOf(eventTime) + WINDOW_MS <= this.closedUpTo;
  }

  add(zone: ZoneRef, badgeId: string, eventTime: number): void {
    const start = windowStartOf(eventTime);
    let window = this.windows.get(start);
    if (!window) {
      window = { start, zones: new Map(), dirty: new Set() };
      this.windows.set(start, window);
    }
    let count = window.zones.get(zone.zoneId);
    if (!count) {
      count = { zone, badges: new Set(), sightings: 0 };
      window.zones.set(zone.zoneId, count);
    }
    count.zone = zone;
    count.badges.add(badgeId);
    count.sightings += 1;
    window.dirty.add(zone.zoneId);
  }

  /** Final rows of the windows the watermark closed, then (with `withPartials`) the changed rows of the open ones. */
  collect(watermark: number, withPartials: boolean): ZoneOccupancy[] {
    this.closedUpTo = Math.max(this.closedUpTo, watermark);
    const rows: ZoneOccupancy[] = [];
    for (const window of [...this.windows.values()].sort((a, b) => a.start - b.start)) {
      if (window.start + WINDOW_MS <= this.closedUpTo) {
        for (const count of window.zones.values()) rows.push(toRow(window.start, count, true));
        this.windows.delete(window.start);
      } else if (withPartials) {
        for (const zoneId of window.dirty) {
          const count = window.zones.get(zoneId);
          if (count) rows.push(toRow(window.start, count, false));
        }
        window.dirty.clear();
      }
    }
    return rows;
  }

  get openWindows(): number {
    return this.windows.size;
  }
}

function toRow(start: number, count: ZoneCount, final: boolean): ZoneOccupancy {
  return {
    zoneId: count.zone.zoneId,
    name: count.zone.name,
    capacity: count.zone.capacity,
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + WINDOW_MS).toISOString(),
    window: '15m',
    uniqueBadges: count.badges.size,
    sightings: count.sightings,
    final,
  };
}
