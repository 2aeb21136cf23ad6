import { describe, expect, it } from 'vitest';

import { buildFleetWorld } from './fleet-world';
import { insideCity, toLatLon } from './geo';

describe('city', () => {
  const world = buildFleetWorld(42);

  it('lies inside Rotterdam', () => {
    for (const junction of world.city.junctions) expect(insideCity(toLatLon(junction))).toBe(true);
  });

  it('connects every junction to every other', () => {
    const n = world.city.junctions.length;
    for (let from = 0; from < n; from += 7) {
      for (let to = 0; to < n; to++) expect(world.routes.travelTimeS(from, to)).toBeLessThan(Infinity);
    }
  });

  it('has a fast ring road and slower city streets', () => {
    const limits = (kind: string) => world.city.roads.filter((road) => road.kind === kind).map((road) => road.limitKmh);
    expect(new Set(limits('ring'))).toEqual(new Set([80, 100]));
    expect(Math.max(...limits('street'))).toBeLessThanOrEqual(50);
    expect(Math.min(...limits('street'))).toBeGreaterThanOrEqual(30);
  });

  it('routes along existing roads towards the destination', () => {
    let here = 0;
    const destination = world.city.junctions.length - 1;
    for (let hops = 0; here !== destination; hops++) {
      const next = world.routes.next(here, destination);
      expect(world.city.outgoing[here]?.some((road) => road.to === next)).toBe(true);
      expect(hops).toBeLessThan(100);
      here = next;
    }
  });
});
