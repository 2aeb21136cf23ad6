import type { Trip } from '../contracts/trip';
import { findGaps, splitAtGaps } from '../series-gaps';

export const TRIP_CSV_HEADER = ['time', 'lat', 'lon', 'speed_kmh', 'engine_temp_c', 'container_temp_c', 'ignition', 'status'] as const;

/** A CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
function field(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The route's points as CSV, one row per point (the same points the view draws), times in UTC ISO-8601. */
export function tripCsv(trip: Trip): string {
  const rows = trip.points.map((p) =>
    [new Date(p.ts).toISOString(), p.lat, p.lon, p.speedKmh, p.engineTempC, p.containerTempC, p.ignition, p.status].map(field).join(','),
  );
  return `${[TRIP_CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

type Position = [number, number];

/**
 * The route's geometry: one LineString, or a MultiLineString of the runs between gaps in the data
 * (lib/series-gaps), so no line crosses hours nothing was heard. A run of one point is a line of
 * that point twice (RFC 7946 lines need two positions); `times` has the same shape as the coordinates.
 */
function routeGeometry(points: Trip['points'], iso: (ms: number) => string) {
  const runs = splitAtGaps(points, findGaps(points.map((p) => p.ts))).map((run) => (run.length === 1 ? [...run, ...run] : run));
  const coordinates = runs.map((run) => run.map((p): Position => [p.lon, p.lat]));
  const times = runs.map((run) => run.map((p) => iso(p.ts)));
  if (runs.length > 1) return { geometry: { type: 'MultiLineString' as const, coordinates }, times };
  return { geometry: { type: 'LineString' as const, coordinates: coordinates[0] ?? [] }, times: times[0] ?? [] };
}

/** GeoJSON (RFC 7946, lon before lat): the route as a LineString (a MultiLineString if it has gaps), each stop as a Point with its times and duration. */
export function tripGeoJson(trip: Trip) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const { geometry, times } = routeGeometry(trip.points, iso);
  return {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        geometry,
        properties: {
          kind: 'route',
          vehicleId: trip.vehicleId,
          from: iso(trip.from),
          to: iso(trip.to),
          times,
          ...trip.summary,
          downsampled: trip.downsampled,
        },
      },
      ...trip.stops.map((stop) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [stop.lon, stop.lat] },
        properties: { kind: 'stop', start: iso(stop.start), end: iso(stop.end), durationS: Math.round(stop.durationMs / 1000), ignitionOff: stop.ignitionOff },
      })),
    ],
  };
}

/** The download's file name: the vehicle and the period, safe in a content-disposition header. */
export function tripFileName(trip: Trip, extension: 'csv' | 'geojson'): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[:]/g, '');
  return `trip-${trip.vehicleId.replace(/[^\w.-]/g, '_')}-${stamp(trip.from)}-${stamp(trip.to)}.${extension}`;
}
