import { summariseFleet } from '../api/fleet';
import type { FleetSnapshot } from '../api/fleet';
import type { ReplayAlert, ReplaySceneVehicle, ReplayStepVehicle, ReplayVehicle } from '../contracts/replay';
import type { VehicleView } from '../realtime/events';

import type { FreshnessRules } from './freshness';
import { StillPositions, freshnessOf } from './freshness';

/**
 * The fleet as it was, folded from `fleet.vehicle-state` records in the order Kafka holds them:
 * the same rules as the live store (a late fix never replaces a newer one; an unchanged position
 * keeps the time it was first reported, to tell a frozen GPS), so a replayed moment looks as the
 * live view did then. Used by the BFF to build a scene and by the browser to play it forward.
 */
export class ReplayFold {
  private readonly vehicles = new Map<string, ReplayVehicle>();
  private readonly stillPositions = new StillPositions();
  /** Alerts firing now, by id: the latest record of each alert decides. */
  private readonly alerts = new Map<string, ReplayAlert>();

  get size(): number {
    return this.vehicles.size;
  }

  /** True when the fix changed what is shown (it was not older than the vehicle's latest). */
  applyVehicle(state: ReplayVehicle): boolean {
    const current = this.vehicles.get(state.vehicleId);
    if (current && current.ts > state.ts) return false;
    this.stillPositions.note(state.vehicleId, current, state);
    this.vehicles.set(state.vehicleId, state);
    return true;
  }

  /** A vehicle as a snapshot holds it: its newest fix then, and since when it stood at that position. */
  applySnapshot(entry: { state: ReplayVehicle; positionSince: number; movedWhileStill: boolean }): void {
    const current = this.vehicles.get(entry.state.vehicleId);
    if (current && current.ts > entry.state.ts) return;
    this.stillPositions.seed(entry.state.vehicleId, entry.positionSince, entry.movedWhileStill);
    this.vehicles.set(entry.state.vehicleId, entry.state);
  }

  /** A step's vehicle: a fix, or a snapshot's entry with the job's still-position timing (fast playback). */
  applyStep(vehicle: ReplayStepVehicle): void {
    const { positionSince, movedWhileStill, ...state } = vehicle;
    if (positionSince === undefined || movedWhileStill === undefined) this.applyVehicle(state);
    else this.applySnapshot({ state, positionSince, movedWhileStill });
  }

  applyAlert(alert: ReplayAlert): void {
    // An inhibited episode is still open (it resumes under its id), as the inbox shows it.
    if (alert.state !== 'cleared') this.alerts.set(alert.alertId, alert);
    else this.alerts.delete(alert.alertId);
  }

  latest(): ReplayVehicle[] {
    return [...this.vehicles.values()];
  }

  /** Every vehicle's newest fix with since when it stood at that position: what a scene sends. */
  sceneVehicles(): ReplaySceneVehicle[] {
    return this.latest().map((vehicle) => {
      const { positionSince, movedWhileStill } = this.stillPositions.timing(vehicle);
      return { ...vehicle, positionSince, movedWhileStill };
    });
  }

  /** Starts from a scene's vehicles, still-position history included. */
  loadScene(vehicles: readonly ReplaySceneVehicle[]): void {
    for (const { positionSince, movedWhileStill, ...state } of vehicles) this.applySnapshot({ state, positionSince, movedWhileStill });
  }

  openAlerts(): ReplayAlert[] {
    return [...this.alerts.values()];
  }

  /** Every vehicle as the live view would have shown it at `at`: freshness, offline status, open alerts. */
  views(at: number, rules: FreshnessRules): VehicleView[] {
    const openPerVehicle = new Map<string, number>();
    for (const alert of this.alerts.values()) openPerVehicle.set(alert.vehicleId, (openPerVehicle.get(alert.vehicleId) ?? 0) + 1);
    const views: VehicleView[] = [];
    for (const vehicle of this.vehicles.values()) {
      const freshness = freshnessOf(this.stillPositions.timing(vehicle), at, rules);
      views.push({
        ...vehicle,
        freshness,
        openAlerts: openPerVehicle.get(vehicle.vehicleId) ?? 0,
        status: freshness === 'offline' ? 'offline' : vehicle.status,
      });
    }
    return views;
  }

  snapshot(at: number, rules: FreshnessRules): FleetSnapshot {
    const vehicles = this.views(at, rules);
    return { vehicles, ...summariseFleet(vehicles), serverTime: at };
  }
}
