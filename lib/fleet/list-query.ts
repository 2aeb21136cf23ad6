import type { Fleet, VehicleStatus } from '../contracts/fleet';
import type { VehicleView } from '../realtime/events';

export const SORT_COLUMNS = [
  'vehicleId',
  'plate',
  'driver',
  'fleet',
  'status',
  'freshness',
  'speedKmh',
  'engineTempC',
  'containerTempC',
  'fuelPct',
  'openAlerts',
  'ts',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ListQuery {
  search: string;
  fleet: Fleet | 'all';
  status: VehicleStatus | 'all';
  onlyWithAlerts: boolean;
  sort: { column: SortColumn; descending: boolean };
}

export const DEFAULT_LIST_QUERY: ListQuery = {
  search: '',
  fleet: 'all',
  status: 'all',
  onlyWithAlerts: false,
  sort: { column: 'vehicleId', descending: false },
};

/** Search (id, plate or driver, see `matchesSearch`), filters, then sort: one pass and one sort, fine for 10,000 rows. */
export function queryVehicles(vehicles: Iterable<VehicleView>, query: ListQuery): VehicleView[] {
  const matches = vehicleFilter(query);
  const rows: VehicleView[] = [];
  for (const vehicle of vehicles) if (matches(vehicle)) rows.push(vehicle);
  const { column, descending } = query.sort;
  const direction = descending ? -1 : 1;
  return rows.sort((a, b) => direction * compareValues(a[column], b[column]) || compareText(a.vehicleId, b.vehicleId));
}

/** The list's search and filters as one test, so the map shows exactly the vehicles the list does. */
export function vehicleFilter(query: Omit<ListQuery, 'sort'>): (vehicle: VehicleView) => boolean {
  const needle = searchKey(query.search);
  return (vehicle) =>
    (query.fleet === 'all' || vehicle.fleet === query.fleet) &&
    (query.status === 'all' || vehicle.status === query.status) &&
    (!query.onlyWithAlerts || vehicle.openAlerts > 0) &&
    (needle === '' || matchesSearch(vehicle, needle));
}

/**
 * People type plates as they say them: "hf293r" or "hf 293 r" for HF-293-R. Case, dashes, dots
 * and spaces are dropped on both sides before comparing.
 */
export function searchKey(text: string): string {
  return text.toLowerCase().replace(/[\s\-_.·/]+/g, '');
}

function matchesSearch(vehicle: VehicleView, needle: string): boolean {
  return searchKey(vehicle.vehicleId).includes(needle) || searchKey(vehicle.plate).includes(needle) || searchKey(vehicle.driver).includes(needle);
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
