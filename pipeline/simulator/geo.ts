/**
 * Rotterdam's bounding box: the fleet drives here. The model works in metres east (x) and north (y)
 * of the south-west corner; an equirectangular projection is accurate to centimetres at city scale.
 */
import { CITY_BOUNDS } from '@/lib/fleet/city-bounds';

export { CITY_BOUNDS };

const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((((CITY_BOUNDS.minLat + CITY_BOUNDS.maxLat) / 2) * Math.PI) / 180);

export const CITY_WIDTH_M = (CITY_BOUNDS.maxLon - CITY_BOUNDS.minLon) * M_PER_DEG_LON;
export const CITY_HEIGHT_M = (CITY_BOUNDS.maxLat - CITY_BOUNDS.minLat) * M_PER_DEG_LAT;

export interface Point {
  x: number;
  y: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

export function toLatLon(point: Point): LatLon {
  return { lat: CITY_BOUNDS.minLat + point.y / M_PER_DEG_LAT, lon: CITY_BOUNDS.minLon + point.x / M_PER_DEG_LON };
}

export function toPoint(position: LatLon): Point {
  return { x: (position.lon - CITY_BOUNDS.minLon) * M_PER_DEG_LON, y: (position.lat - CITY_BOUNDS.minLat) * M_PER_DEG_LAT };
}

export function distanceM(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Compass bearing from a to b: degrees clockwise from north, in [0, 360). */
export function bearingDeg(a: Point, b: Point): number {
  const degrees = (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

/** Smallest angle between two bearings, in [0, 180]. */
export function angleBetween(a: number, b: number): number {
  const diff = Math.abs(a - b) % 360;
  return diff > 180 ? 360 - diff : diff;
}

export function insideCity(position: LatLon): boolean {
  const { minLat, maxLat, minLon, maxLon } = CITY_BOUNDS;
  return position.lat >= minLat && position.lat <= maxLat && position.lon >= minLon && position.lon <= maxLon;
}
