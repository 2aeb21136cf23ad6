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
