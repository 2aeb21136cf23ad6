import type { FleetSnapshot } from '@/lib/api/fleet';
import { summariseFleet } from '@/lib/api/fleet';
import type { Severity } from '@/lib/contracts/common';
import type { VehicleState } from '@/lib/contracts/fleet';
import type { FreshnessRules } from '@/lib/fleet/freshness';
import { StillPositions, freshnessOf } from '@/lib/fleet/freshness';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { VehicleHistory } from './vehicle-history';

export interface FleetStoreOptions extends Partial<Omit<FreshnessRules, 'offlineAfterMs'>> {
  /** A vehicle silent for longer than this shows as offline, whatever its last status said. */
  offlineAfterMs: number;
  /** Open alerts per vehicle now: the alert store's lookup, passed in by the BFF; none when absent. */
  openAlertsOf?: (vehicleId: string) => number;
  /** The severity of the vehicle's worst firing open alert (the alert store's lookup); none when absent. */
  alertSeverityOf?: (vehicleId: string) => Severity | undefined;
  /** How much of each vehicle's recent telemetry is kept for its detail charts. */
  historyMs: number;
  /** Caps each vehicle's history, because a unit sending faster than expected would otherwise grow it without bound. */
  maxHistoryPoints: number;
}

/**
 * The BFF's live fleet: latest state per vehicle, its recent history, and what changed since
 * the last push. Pure and synchronous, so the coalescing rules are unit-tested without Kafka.
 */
export class FleetStore {
  private readonly latest = new Map<string, VehicleView>();
  private readonly histories = new Map<string, VehicleHistory>();
  /** Vehicles changed since the last `takeChanges`: coalesced, so each is pushed once per tick. */
  private readonly changed = new Set<string>();
  /** Points added since the last `takePoints`, for the per-vehicle channel. */
  private readonly newPoints = new Map<string, VehiclePoint[]>();
  /** Vehicles whose going offline was already pushed; a new fix takes them off the list. */
  private readonly reportedOffline = new Set<string>();
  private readonly stillPositions = new StillPositions();
  private readonly rules: FreshnessRules;

  constructor(private readonly options: FleetStoreOptions) {
    this.rules = { offlineAfterMs: options.offlineAfterMs, delayedAfterMs: options.delayedAfterMs ?? 5_000, frozenAfterMs: options.frozenAfterMs ?? 10_000 };
  }

  /** The BFF's own lag behind the topic: receipt time minus the Kafka time of the newest record read. */
  consumerLagMs: number | undefined;

  get size(): number {
    return this.latest.size;
  }

  apply(state: VehicleState, receivedAt: number): void {
    const view: VehicleView = { ...state, receivedAt, freshness: 'live', openAlerts: 0 };
    const current = this.latest.get(state.vehicleId);
    // A late fix joins the history but never replaces a newer position.
    this.addToHistory(view);
    if (current && current.ts > state.ts) return;
    this.stillPositions.note(state.vehicleId, current, state);
    this.latest.set(state.vehicleId, view);
    this.changed.add(state.vehicleId);
    this.reportedOffline.delete(state.vehicleId);
    const pending = this.newPoints.get(state.vehicleId);
    if (pending) pending.push(view);
    else this.newPoints.set(state.vehicleId, [view]);
  }

  /** Puts a vehicle in the next delta although no fix arrived (e.g. its open alerts changed). */
  markChanged(vehicleId: string): void {
    if (this.latest.has(vehicleId)) this.changed.add(vehicleId);
  }

  /** The current views of some vehicles (unknown ids skipped), for a client catching up. */
  views(vehicleIds: Iterable<string>, now: number): VehicleView[] {
    const views: VehicleView[] = [];
    for (const vehicleId of vehicleIds) {
      const view = this.view(vehicleId, now);
      if (view) views.push(view);
    }
    return views;
  }

  /** The vehicle as clients should see it now: silent too long means offline. */
  view(vehicleId: string, now: number): VehicleView | undefined {
    const vehicle = this.latest.get(vehicleId);
    return vehicle && this.withFreshness(vehicle, now);
  }

  /** Marks vehicles that just went silent as changed, so their offline status is pushed. */
  sweepOffline(now: number): number {
    let flipped = 0;
    for (const vehicle of this.latest.values()) {
      if (now - vehicle.ts <= this.options.offlineAfterMs || this.reportedOffline.has(vehicle.vehicleId)) continue;
      this.reportedOffline.add(vehicle.vehicleId);
      this.changed.add(vehicle.vehicleId);
      flipped += 1;
    }
    return flipped;
  }

  takeChanges(now: number): VehicleView[] {
    const views: VehicleView[] = [];
    for (const vehicleId of this.changed) {
      const view = this.view(vehicleId, now);
      if (view) views.push(view);
    }
    this.changed.clear();
    return views;
  }

  takePoints(vehicleIds: Iterable<string>): Map<string, VehiclePoint[]> {
    const taken = new Map<string, VehiclePoint[]>();
    for (const vehicleId of vehicleIds) {
      const points = this.newPoints.get(vehicleId);
      if (points) taken.set(vehicleId, points.map(toPoint));
    }
    this.newPoints.clear();
    return taken;
  }

  snapshot(now: number): FleetSnapshot {
    const vehicles = [...this.latest.values()].map((vehicle) => this.withFreshness(vehicle, now));
    return { vehicles, ...summariseFleet(vehicles), serverTime: now };
  }

  history(vehicleId: string, sinceMs: number): VehiclePoint[] {
    return this.histories.get(vehicleId)?.since(sinceMs) ?? [];
  }

  private withFreshness(vehicle: VehicleView, now: number): VehicleView {
    const freshness = freshnessOf(this.stillPositions.timing(vehicle), now, this.rules);
    const openAlerts = this.options.openAlertsOf?.(vehicle.vehicleId) ?? 0;
    const alertSeverity = openAlerts > 0 ? this.options.alertSeverityOf?.(vehicle.vehicleId) : undefined;
    const view: VehicleView = { ...vehicle, freshness, openAlerts, status: freshness === 'offline' ? 'offline' : vehicle.status };
    if (alertSeverity) view.alertSeverity = alertSeverity;
    return view;
  }

  private addToHistory(view: VehicleView): void {
    let history = this.histories.get(view.vehicleId);
    if (!history) {
      history = new VehicleHistory(this.options.maxHistoryPoints);
      this.histories.set(view.vehicleId, history);
    }
    history.add(view, Math.max(history.newestTs() ?? view.ts, view.ts) - this.options.historyMs);
  }
}

function toPoint(view: VehiclePoint): VehiclePoint {
  const { ts, lat, lon, speedKmh, headingDeg, engineTempC, containerTempC, fuelPct } = view;
  return containerTempC === undefined
    ? { ts, lat, lon, speedKmh, headingDeg, engineTempC, fuelPct }
    : { ts, lat, lon, speedKmh, headingDeg, engineTempC, containerTempC, fuelPct };
}
