import type { Fleet, VehicleStatus } from '../contracts/fleet';
import type { VehicleView } from '../realtime/events';

export const SORT_COLUMNS = ['vehicleId', 'plate', 'driver', 'fleet', 'status', 'freshness', 'speedKmh', 'engineTempC', 'containerTempC', 'fuelPct', 'openAlerts', 'ts'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ListQuery {
  search: string;
  fleet: Fleet | 'all';
  status: VehicleStatus | 'all';
  onlyWithAlerts: boolean;
  sort: { column: SortColumn; descending: boolean };
}

export const DEFAULT_LIST_QUERY: ListQuery = { search: '', fleet: 'all', status: 'all', onlyWithAlerts: false, sort: { column: 'vehicleId', descending: false } };

/** Search (id, plate or driver, case-insensitive), filters, then sort: one pass and one sort, fine for 10,000 rows. */
export function queryVehicles(vehicles: Iterable<VehicleView>, query: ListQuery): VehicleView[] {
  const needle = query.search.trim().toLowerCase();
  const rows: VehicleView[] = [];
  for (const vehicle of vehicles) {
    if (query.fleet !== 'all' && vehicle.fleet !== query.fleet) continue;
    if (query.status !== 'all' && vehicle.status !== query.status) continue;
    if (query.onlyWithAlerts && vehicle.openAlerts === 0) continue;
    if (needle && !matches(vehicle, needle)) continue;
    rows.push(vehicle);
  }
  const { column, descending } = query.sort;
  const direction = descending ? -1 : 1;
  return rows.sort((a, b) => direction * compareValues(a[column], b[column]) || compareText(a.vehicleId, b.vehicleId));
}

function matches(vehicle: VehicleView, needle: string): boolean {
  return vehicle.vehicleId.toLowerCase().includes(needle) || vehicle.plate.toLowerCase().includes(needle) || vehicle.driver.toLowerCase().includes(needle);
}

/** Numbers numerically, text alphabetically; a missing value (a cab's container temperature) sorts last. */
function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/**
 * Code-point order. Not localeCompare: it is many times slower, and sorting 10,000 rows with it
 * once a second was among the page's longest tasks (ids and plates are upper case anyway).
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
