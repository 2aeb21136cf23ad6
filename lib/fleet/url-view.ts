import type { TripPeriod } from '../client/queries/trip';
import { fleetSchema, vehicleStatusSchema } from '../contracts/fleet';
import { momentSchema } from '../contracts/replay';

import type { ListQuery } from './list-query';
import { DEFAULT_LIST_QUERY } from './list-query';
import { MAX_ZOOM } from './map-geometry';

/** Where the map looks: centre (longitude, latitude) and MapLibre zoom. */
export interface MapView {
  center: [number, number];
  zoom: number;
}

/**
 * The fleet page's shareable state in its URL: `c=<lat>,<lon>&z=<zoom>` for the map, `follow=1`,
 * and the list filters `q`, `fleet`, `status`, `alerts=1`. A value that does not parse is ignored
 * (the default applies), so a hand-edited link never breaks the page.
 */
export function readMapView(params: URLSearchParams): MapView | undefined {
  const [lat, lon] = (params.get('c') ?? '').split(',').map(Number);
  const zoom = Number(params.get('z'));
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon) || params.get('z') === null || !Number.isFinite(zoom))
    return undefined;
  if (Math.abs(lat) > 85 || Math.abs(lon) > 180 || zoom < 0 || zoom > MAX_ZOOM) return undefined;
  return { center: [lon, lat], zoom };
}

export function writeMapView(params: URLSearchParams, view: MapView): void {
  // 1e-5° is about a metre, 0.01 zoom level invisible: short links, same view.
  params.set('c', `${view.center[1].toFixed(5)},${view.center[0].toFixed(5)}`);
  params.set('z', view.zoom.toFixed(2));
}

export type ListFilters = Pick<ListQuery, 'search' | 'fleet' | 'status' | 'onlyWithAlerts'>;

export function readFilters(params: URLSearchParams): ListFilters {
  const fleet = fleetSchema.safeParse(params.get('fleet'));
  const status = vehicleStatusSchema.safeParse(params.get('status'));
  return {
    search: params.get('q') ?? DEFAULT_LIST_QUERY.search,
    fleet: fleet.success ? fleet.data : 'all',
    status: status.success ? status.data : 'all',
    onlyWithAlerts: params.get('alerts') === '1',
  };
}

export function writeFilters(params: URLSearchParams, filters: ListFilters): void {
  setOrDelete(params, 'q', filters.search || undefined);
  setOrDelete(params, 'fleet', filters.fleet === 'all' ? undefined : filters.fleet);
  setOrDelete(params, 'status', filters.status === 'all' ? undefined : filters.status);
  setOrDelete(params, 'alerts', filters.onlyWithAlerts ? '1' : undefined);
}

export function setOrDelete(params: URLSearchParams, key: string, value: string | undefined): void {
  if (value === undefined) params.delete(key);
  else params.set(key, value);
}

/**
 * The trip view's period in its URL: `from=<ISO>&to=<ISO>`, as the trip API takes them, so a shared
 * link reopens the same period. A pair that does not parse, or ends before it starts, is ignored
 * (the default period applies); one outside retention is the API's to refuse, with the oldest moment.
 */
export function readTripPeriod(params: URLSearchParams): TripPeriod | undefined {
  const from = momentSchema.safeParse(params.get('from'));
  const to = momentSchema.safeParse(params.get('to'));
  if (!from.success || !to.success || to.data <= from.data) return undefined;
  return { from: from.data, to: to.data };
}

export function writeTripPeriod(params: URLSearchParams, period: TripPeriod): void {
  params.set('from', new Date(period.from).toISOString());
  params.set('to', new Date(period.to).toISOString());
}
