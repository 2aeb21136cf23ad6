import type { VehicleStatus } from '@/lib/contracts/fleet';
import type { Freshness, VehicleView } from '@/lib/realtime/events';

/** The same colours as the list's status chips (app/globals.css). */
export const STATUS_COLOURS: Record<VehicleStatus, string> = {
  moving: '#3fb950',
  idle: '#d29922',
  parked: '#58a6ff',
  offline: '#8b949e',
};
export const ALERT_COLOUR = '#f85149';
/** A firing alert's marker: red for critical, orange for warning (the list's row and pill use the same). */
export const SEVERITY_COLOURS = { critical: ALERT_COLOUR, warning: '#f0883e', info: '#58a6ff' } as const;
export const STALE_COLOUR = '#e3b341';
export const SELECTED_COLOUR = '#ffffff';

export const FRESHNESS_LABELS: Record<Freshness, string> = {
  live: 'live',
  delayed: 'delayed fixes',
  frozen: 'frozen GPS',
  offline: 'offline',
};

/** Worst first: what a cluster's outline shows so trouble is seen even inside a crowd. */
export type Concern = 'alert' | 'offline' | 'stale' | 'none';
const CONCERN_RANK: Record<Concern, number> = { alert: 3, offline: 2, stale: 1, none: 0 };
export const CONCERN_COLOURS: Record<Concern, string> = { alert: ALERT_COLOUR, offline: STATUS_COLOURS.offline, stale: STALE_COLOUR, none: '#2a3543' };

export function concernOf(vehicle: VehicleView): Concern {
  if (vehicle.openAlerts > 0) return 'alert';
  if (vehicle.freshness === 'offline') return 'offline';
  if (vehicle.freshness !== 'live') return 'stale';
  return 'none';
}

export function worstConcern(vehicles: readonly VehicleView[]): Concern {
  let worst: Concern = 'none';
  for (const vehicle of vehicles) {
    const concern = concernOf(vehicle);
    if (CONCERN_RANK[concern] > CONCERN_RANK[worst]) worst = concern;
  }
  return worst;
}
