import type { VehicleStatus } from '../contracts/fleet';
import type { VehicleView } from '../realtime/events';

/** `GET /api/fleet/vehicles`. */
export interface FleetSnapshot {
  vehicles: VehicleView[];
  counts: FleetCounts;
  /** Newest fix time across the fleet (epoch ms), null before the first fix. */
  newestFixAt: number | null;
  serverTime: number;
}

export type FleetCounts = Record<VehicleStatus, number> & { total: number };

/** Counts by status and the newest fix: the fleet's headline numbers, same on server and browser. */
export function summariseFleet(vehicles: Iterable<Pick<VehicleView, 'status' | 'ts'>>): Pick<FleetSnapshot, 'counts' | 'newestFixAt'> {
  const counts: FleetCounts = { total: 0, moving: 0, idle: 0, parked: 0, offline: 0 };
  let newestFixAt: number | null = null;
  for (const vehicle of vehicles) {
    counts.total += 1;
    counts[vehicle.status] += 1;
    newestFixAt = Math.max(newestFixAt ?? 0, vehicle.ts);
  }
  return { counts, newestFixAt };
}
