import type { Fleet, VehicleStatus } from '../contracts/fleet';
import type { VehicleView } from '../realtime/events';

export interface FleetKpis {
  total: number;
  byStatus: Record<VehicleStatus, number>;
  byFleet: Record<Fleet, number>;
  /** Over vehicles not offline: a parked fleet's stale speeds would otherwise drag it around. */
  averageSpeedKmh: number | null;
  withOpenAlerts: number;
  /** Vehicles whose position cannot be trusted as current: delayed or frozen GPS (offline counts apart). */
  stale: number;
  newestFixAt: number | null;
}

export function fleetKpis(vehicles: Iterable<VehicleView>): FleetKpis {
  const kpis: FleetKpis = {
    total: 0,
    byStatus: { moving: 0, idle: 0, parked: 0, offline: 0 },
    byFleet: { cabs: 0, tankers: 0 },
    averageSpeedKmh: null,
    withOpenAlerts: 0,
    stale: 0,
    newestFixAt: null,
  };
  let speedSum = 0;
  let reporting = 0;
  for (const vehicle of vehicles) {
    kpis.total += 1;
    kpis.byStatus[vehicle.status] += 1;
    kpis.byFleet[vehicle.fleet] += 1;
    if (vehicle.openAlerts > 0) kpis.withOpenAlerts += 1;
    if (vehicle.freshness === 'delayed' || vehicle.freshness === 'frozen') kpis.stale += 1;
    if (vehicle.status !== 'offline') {
      speedSum += vehicle.speedKmh;
      reporting += 1;
    }
    kpis.newestFixAt = Math.max(kpis.newestFixAt ?? 0, vehicle.ts);
  }
  kpis.averageSpeedKmh = reporting > 0 ? speedSum / reporting : null;
  return kpis;
}
