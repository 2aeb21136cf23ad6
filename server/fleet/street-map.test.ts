import { describe, expect, it } from 'vitest';

import { buildFleetWorld } from '@/pipeline/simulator/fleet-world';
import { toLatLon } from '@/pipeline/simulator/geo';

import { streetMap } from './street-map';

describe('streetMap', () => {
  const map = streetMap(42);
  const roads = map.features.filter((feature) => feature.properties.layer === 'road');

  it("draws every road of the simulator's city once, with its kind", () => {
    const { city } = buildFleetWorld(42);
    expect(roads).toHaveLength(city.roads.length / 2);
    const kinds = new Set(roads.map((road) => (road.properties.layer === 'road' ? road.properties.kind : '')));
    expect([...kinds].sort()).toEqual(['arterial', 'ring', 'street']);
    // Each end is a junction the vehicles drive through.
    const junctions = city.junctions.map((junction) => toLatLon(junction));
    const nearestJunction = (lon: number, lat: number) => Math.min(...junctions.map((junction) => Math.abs(junction.lon - lon) + Math.abs(junction.lat - lat)));
    for (const road of roads) for (const [lon, lat] of road.geometry.coordinates as number[][]) expect(nearestJunction(lon!, lat!)).toBeLessThan(2e-6);
  });

  it('has one river, crossed only by the ring and the arterials', () => {
    expect(map.features.filter((feature) => feature.properties.layer === 'water')).toHaveLength(1);
    const bridges = roads.filter((road) => road.properties.layer === 'road' && road.properties.bridge);
    expect(bridges.length).toBeGreaterThan(2);
    for (const bridge of bridges) expect(bridge.properties).toMatchObject({ kind: expect.stringMatching(/ring|arterial/) as unknown });
  });

  it('is the same for the same seed and differs for another', () => {
    expect(streetMap(42)).toEqual(map);
    expect(streetMap(7)).not.toEqual(map);
  });
});
