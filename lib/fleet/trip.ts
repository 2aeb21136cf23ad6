import type { VehicleState } from '../contracts/fleet';
import type { TripPoint, TripStop, TripSummary } from '../contracts/trip';

import { MOVING_KMH } from './freshness';

const EARTH_RADIUS_KM = 6_371.0088;

export interface TripRules {
  /** A still span at least this long is a stop (TRIP_STOP_MIN_S). */
  stopMinMs: number;
  /** A silence between two fixes longer than this is missing data, counted neither as driving nor idle (FLEET_OFFLINE_AFTER_S). */
  maxGapMs: number;
}

/** Great-circle distance in km between two positions (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Standing (below MOVING_KMH, as the live view judges it) or with the ignition off. */
export function isStill(point: TripPoint): boolean {
  return !point.ignition || point.speedKmh < MOVING_KMH;
}

/** Fixes in time order, one per `ts` (a fix written twice, e.g. after a job restart, counts once). */
export function orderFixes(points: TripPoint[]): TripPoint[] {
  const sorted = [...points].sort((a, b) => a.ts - b.ts);
  return sorted.filter((point, i) => i === 0 || point.ts !== sorted[i - 1]?.ts);
}

/**
 * Stops: maximal runs of still fixes (standing, or ignition off) lasting at least `stopMinMs`,
 * from the first still fix to the fix that moved again (or the last fix, if it never did).
 * The position is where the vehicle came to a halt. `points` must be in time order.
 */
export function detectStops(points: readonly TripPoint[], stopMinMs: number): TripStop[] {
  const stops: TripStop[] = [];
  let first: TripPoint | undefined;
  let ignitionOff = false;
  const close = (end: number) => {
    if (first && end - first.ts >= stopMinMs) stops.push({ start: first.ts, end, durationMs: end - first.ts, lat: first.lat, lon: first.lon, ignitionOff });
    first = undefined;
    ignitionOff = false;
  };
  for (const point of points) {
    if (!isStill(point)) {
      close(point.ts);
      continue;
    }
    first ??= point;
    ignitionOff ||= !point.ignition;
  }
  const last = points.at(-1);
  if (last) close(last.ts);
  return stops;
}

/**
 * Distance, driving and idle time from consecutive fixes in time order: each interval belongs to
 * the state of the fix that opens it; an interval longer than `maxGapMs` is missing data. Distance
 * adds every step except between two still fixes (GPS jitter while parked is not travel).
 */
export function summarize(points: readonly TripPoint[], rules: TripRules, stops: number): TripSummary {
  let distanceKm = 0;
  let drivingMs = 0;
  let idleMs = 0;
  for (let i = 1; i < points.length; i += 1) {
    const previous = points[i - 1] as TripPoint;
    const point = points[i] as TripPoint;
    if (!(isStill(previous) && isStill(point))) distanceKm += haversineKm(previous, point);
    const gap = point.ts - previous.ts;
    if (gap > rules.maxGapMs) continue;
    if (!isStill(previous)) drivingMs += gap;
    else if (previous.ignition) idleMs += gap;
  }
  return { distanceKm, drivingMs, idleMs, stops };
}

/** At most `max` points, picked evenly by index, the first and the last always kept. */
export function downsample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  if (max < 2) return points.slice(-max);
  return Array.from({ length: max }, (_, i) => points[Math.round((i * (points.length - 1)) / (max - 1))] as T);
}

/** Everything the trip view shows, from a vehicle's fixes in any order. */
export function buildTrip(fixes: TripPoint[], rules: TripRules, maxPoints: number) {
  const ordered = orderFixes(fixes);
  const stops = detectStops(ordered, rules.stopMinMs);
  const points = downsample(ordered, maxPoints);
  return { fixes: ordered.length, downsampled: points.length < ordered.length, points, stops, summary: summarize(ordered, rules, stops.length) };
}

/** The fields of a processed fix the trip keeps: a few numbers per fix, so TRIP_MAX_FIXES bounds memory. */
export function toTripPoint(state: VehicleState): TripPoint {
  const { ts, lat, lon, speedKmh, engineTempC, containerTempC, ignition, status } = state;
  return containerTempC === undefined
    ? { ts, lat, lon, speedKmh, engineTempC, ignition, status }
    : { ts, lat, lon, speedKmh, engineTempC, containerTempC, ignition, status };
}

/** The point nearest in time to `ts` (points in time order): where the route marker goes when a chart is hovered. */
export function pointAt<T extends { ts: number }>(points: readonly T[], ts: number): T | undefined {
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((points[mid] as T).ts < ts) low = mid + 1;
    else high = mid;
  }
  const after = points[low];
  const before = points[low - 1];
  return before && after && ts - before.ts < after.ts - ts ? before : after;
}
