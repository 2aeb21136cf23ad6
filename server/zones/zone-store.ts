import type { ZoneAlertState, ZonesResponse, ZoneView, ZoneWindow } from '@/lib/api/zones';
import { ZONE_WINDOW_MINUTES } from '@/lib/api/zones';
import type { Alert } from '@/lib/contracts/alerts';
import type { Zone, ZoneOccupancy } from '@/lib/contracts/campus';

type CapacityAlert = Extract<Alert, { kind: 'capacity' }>;
const WINDOW_MS = ZONE_WINDOW_MINUTES * 60_000;

export interface ZoneStoreOptions {
  /** Windows older than this (behind the newest) are forgotten, because the store would otherwise grow without bound. */
  keepWindowsMs: number;
}

/**
 * The campus as the BFF serves it: the zones table, each zone's live figure and 15-minute
 * windows, and the capacity alerts firing now. Rows are upserts by key, so re-reading the topic
 * is harmless; `takeChanged` tells the channel whether there is anything to push.
 */
export class ZoneStore {
  private readonly zones = new Map<string, Zone>();
  private readonly live = new Map<string, ZoneOccupancy>();
  private readonly windows = new Map<string, Map<number, ZoneOccupancy>>();
  private readonly firing = new Map<string, CapacityAlert>();
  private newestWindowStart = -Infinity;
  private changed = false;

  constructor(private readonly options: ZoneStoreOptions) {}

  upsertZone(zone: Zone): void {
    this.zones.set(zone.zoneId, zone);
    this.changed = true;
  }

  removeZone(zoneId: string): void {
    this.changed = this.zones.delete(zoneId) || this.changed;
  }

  applyOccupancy(row: ZoneOccupancy): void {
    this.changed = true;
    if (row.window === 'live') {
      // One key per zone, so one partition: the row read last is the processor's latest word, even
      // when an earlier run (a simulator with --speedup) wrote live rows stamped later than now.
      this.live.set(row.zoneId, row);
      return;
    }
    const start = Date.parse(row.windowStart);
    const zoneWindows = this.windows.get(row.zoneId) ?? new Map<number, ZoneOccupancy>();
    // A final row is the window's last word: a partial written before it but read after never replaces it.
    if (!zoneWindows.get(start)?.final || row.final) zoneWindows.set(start, row);
    this.windows.set(row.zoneId, zoneWindows);
    if (start > this.newestWindowStart) {
      this.newestWindowStart = start;
      this.prune();
    }
  }

  applyAlert(alert: Alert): void {
    if (alert.kind !== 'capacity') return;
    this.changed = true;
    if (alert.state === 'firing') this.firing.set(alert.alertId, alert);
    else this.firing.delete(alert.alertId);
  }

  /** True once after anything changed. */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  get size(): number {
    return this.zones.size;
  }

  snapshot(now: number, pastWindows: number): ZonesResponse {
    const current = Number.isFinite(this.newestWindowStart) ? this.newestWindowStart : Math.floor(now / WINDOW_MS) * WINDOW_MS;
    const alerts = this.alertsByZone();
    const zones = [...this.zones.values()].map((zone) => this.view(zone, current, pastWindows, alerts.get(zone.zoneId)));
    zones.sort((a, b) => b.occupancyPct - a.occupancyPct || a.zoneId.localeCompare(b.zoneId));
    const report = this.lastReport(current);
    return {
      zones,
      currentWindow: span(current),
      lastReport: report === undefined ? null : span(report),
      serverTime: now,
    };
  }

  private view(zone: Zone, current: number, pastWindows: number, alert: ZoneAlertState | undefined): ZoneView {
    const live = this.live.get(zone.zoneId);
    const rows = this.windows.get(zone.zoneId) ?? new Map<number, ZoneOccupancy>();
    const past = [...rows.entries()]
      .filter(([start]) => start < current && start >= current - pastWindows * WINDOW_MS)
      .sort(([a], [b]) => a - b)
      .map(([, row]) => toWindow(row));
    const open = rows.get(current);
    return {
      zoneId: zone.zoneId,
      name: zone.name,
      capacity: zone.capacity,
      shape: zone.shape,
      live: live ? { uniqueBadges: live.uniqueBadges, sightings: live.sightings, at: live.windowEnd } : null,
      occupancyPct: live ? Math.round((live.uniqueBadges / zone.capacity) * 1000) / 10 : 0,
      current: open ? toWindow(open) : null,
      windows: past,
      alert: alert ?? null,
    };
  }

  /** The newest window before the current one whose every row is final. */
  private lastReport(current: number): number | undefined {
    const starts = new Map<number, boolean>();
    for (const rows of this.windows.values()) {
      for (const [start, row] of rows) if (start < current) starts.set(start, (starts.get(start) ?? true) && row.final);
    }
    const finals = [...starts].filter(([, final]) => final).map(([start]) => start);
    return finals.length > 0 ? Math.max(...finals) : undefined;
  }

  private alertsByZone(): Map<string, ZoneAlertState> {
    const byZone = new Map<string, ZoneAlertState>();
    for (const alert of this.firing.values()) {
      const known = byZone.get(alert.zoneId);
      if (!known || known.startedAt < alert.startedAt) {
        byZone.set(alert.zoneId, { alertId: alert.alertId, severity: alert.severity, startedAt: alert.startedAt, value: alert.value });
      }
    }
    return byZone;
  }

  private prune(): void {
    const oldest = this.newestWindowStart - this.options.keepWindowsMs;
    for (const rows of this.windows.values()) for (const start of rows.keys()) if (start < oldest) rows.delete(start);
  }
}

function toWindow(row: ZoneOccupancy): ZoneWindow {
  return { windowStart: row.windowStart, windowEnd: row.windowEnd, uniqueBadges: row.uniqueBadges, sightings: row.sightings, final: row.final };
}

function span(start: number): { windowStart: string; windowEnd: string } {
  return { windowStart: new Date(start).toISOString(), windowEnd: new Date(start + WINDOW_MS).toISOString() };
}
