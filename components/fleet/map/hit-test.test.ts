import { describe, expect, it } from 'vitest';

import type { VehicleView } from '@/lib/realtime/events';

import { clusterRadius, hitTest } from './hit-test';

const vehicle = (vehicleId: string) => ({ vehicleId }) as VehicleView;

describe('hitTest', () => {
  const drawn = {
    singles: [
      { item: vehicle('cab-1'), x: 100, y: 100 },
      { item: vehicle('cab-2'), x: 106, y: 100 },
    ],
    clusters: [{ x: 300, y: 300, members: [vehicle('cab-3'), vehicle('cab-4')] }],
  };

  it('finds the nearest vehicle within the hit radius', () => {
    expect(hitTest(drawn, { x: 101, y: 101 })).toMatchObject({ kind: 'vehicle', vehicle: { vehicleId: 'cab-1' }, x: 100, y: 100 });
    expect(hitTest(drawn, { x: 105, y: 99 })).toMatchObject({ kind: 'vehicle', vehicle: { vehicleId: 'cab-2' } });
  });

  it('misses beyond the hit radius', () => {
    expect(hitTest(drawn, { x: 100, y: 110 })).toBeNull();
    expect(hitTest(drawn, { x: 100, y: 108 }, 5)).toBeNull();
  });

  it('hits a cluster anywhere on its disc, with its members, before any vehicle', () => {
    const r = clusterRadius(2);
    expect(hitTest(drawn, { x: 300 + r - 1, y: 300 })).toMatchObject({
      kind: 'cluster',
      x: 300,
      y: 300,
      members: [{ vehicleId: 'cab-3' }, { vehicleId: 'cab-4' }],
    });
    expect(hitTest(drawn, { x: 300 + r + 1, y: 300 })).toBeNull();
    const overlapping = { singles: [{ item: vehicle('cab-9'), x: 300, y: 300 }], clusters: drawn.clusters };
    expect(hitTest(overlapping, { x: 300, y: 300 })?.kind).toBe('cluster');
  });

  it("grows a cluster's disc slowly with its size", () => {
    expect(clusterRadius(2)).toBeLessThan(clusterRadius(100));
    expect(clusterRadius(1_000_000)).toBe(24);
  });
});
