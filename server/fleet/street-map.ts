import { crossesRiver, riverBanks } from '@/pipeline/simulator/city';
import type { City } from '@/pipeline/simulator/city';
import { buildFleetWorld } from '@/pipeline/simulator/fleet-world';
import { CITY_WIDTH_M, toLatLon } from '@/pipeline/simulator/geo';
import type { Point } from '@/pipeline/simulator/geo';

type Position = [number, number];

interface StreetFeature {
  type: 'Feature';
  properties: { layer: 'road'; kind: 'ring' | 'arterial' | 'street'; bridge: boolean; limitKmh: number; roadworks: boolean } | { layer: 'water' };
  geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'Polygon'; coordinates: Position[][] };
}

/** The simulator's streets as GeoJSON: what the fleet map draws as its base when no map style is configured. */
export interface StreetMap {
  type: 'FeatureCollection';
  features: StreetFeature[];
}

/**
 * The street network the simulated vehicles drive on for `seed` (the simulator builds the same
 * one from the same seed): the river first, so roads and bridges draw over it, then each road
 * once (the simulator has one per direction).
 */
export function streetMap(seed: number): StreetMap {
  const { city } = buildFleetWorld(seed);
  return { type: 'FeatureCollection', features: [river(city), ...roads(city)] };
}

function river(city: City): StreetFeature {
  const banks = riverBanks(city);
  const first = banks[0]!;
  const last = banks[banks.length - 1]!;
  // Runs past the city's edges, as a river does.
  const south = [{ x: 0, y: first.south }, ...banks.map((bank) => ({ x: bank.x, y: bank.south })), { x: CITY_WIDTH_M, y: last.south }];
  const north = [{ x: CITY_WIDTH_M, y: last.north }, ...banks.reverse().map((bank) => ({ x: bank.x, y: bank.north })), { x: 0, y: first.north }];
  const ring = [...south, ...north, south[0]!].map(position);
  return { type: 'Feature', properties: { layer: 'water' }, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function roads(city: City): StreetFeature[] {
  return city.roads
    .filter((road) => road.from < road.to)
    .map((road) => ({
      type: 'Feature',
      properties: { layer: 'road', kind: road.kind, bridge: crossesRiver(road), limitKmh: road.limitKmh, roadworks: road.roadworks },
      geometry: { type: 'LineString', coordinates: [position(city.junctions[road.from]!), position(city.junctions[road.to]!)] },
    }));
}

/** GeoJSON order, longitude first, rounded to about 10 cm. */
function position(point: Point): Position {
  const { lat, lon } = toLatLon(point);
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
