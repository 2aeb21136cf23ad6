import { describe, expect, it } from 'vitest';

import type { VehicleView } from '@/lib/realtime/events';

import { clusterIconIds } from './cluster-icon';
import { vehicleCollection, vehicleProperties } from './vehicle-layers';

function vehicle(vehicleId: string, overrides: Partial<VehicleView> = {}): VehicleView {
  return { vehicleId, status: 'moving', speedKmh: 40, headingDeg: 90, freshness: 'live', openAlerts: 0, lat: 51.9, lon: 4.47, ...overrides } as VehicleView;
}

describe('vehicle layers', () => {
  it('marks each vehicle as the map shows it: arrow or dot, offline, stale, alert, selected', () => {
    expect(vehicleProperties(vehicle('a'), 'a')).toMatchObject({
      id: 'a',
      status: 'moving',
      heading: 90,
      arrow: true,
      offline: false,
      stale: false,
      alert: false,
      selected: true,
    });
    expect(vehicleProperties(vehicle('b', { speedKmh: 2, status: 'idle' }), null)).toMatchObject({ arrow: false, selected: false });
    expect(vehicleProperties(vehicle('c', { freshness: 'offline', status: 'offline' }), null)).toMatchObject({ offline: true, arrow: false, stale: false });
    expect(vehicleProperties(vehicle('d', { freshness: 'frozen', openAlerts: 2 }), null)).toMatchObject({ stale: true, alert: true, severity: 'none' });
    expect(vehicleProperties(vehicle('e', { openAlerts: 1, alertSeverity: 'critical' }), null)).toMatchObject({ alert: true, severity: 'critical' });
  });

  it('puts lone vehicles at their drawn position and clusters where they are drawn', () => {
    const drawn = {
      singles: [{ item: vehicle('a'), x: 10, y: 20 }],
      clusters: [{ x: 100, y: 200, members: [vehicle('b'), vehicle('c', { freshness: 'offline', status: 'offline' })] }],
    };
    const collection = vehicleCollection(
      drawn,
      null,
      (id) => (id === 'a' ? [4.5, 51.9] : undefined),
      (x, y) => [x / 100, y / 100],
    );
    expect(collection.features.map((feature) => [feature.properties.kind, feature.geometry.coordinates])).toEqual([
      ['vehicle', [4.5, 51.9]],
      ['cluster', [1, 2]],
    ]);
    expect(collection.features[1]?.properties).toMatchObject({ icon: 'cluster-ring:13:4004:offline', label: 'cluster-label:2' });
  });

  it('names cluster icons by what they show, so look-alike clusters share one', () => {
    const many = Array.from({ length: 1_234 }, (_, i) => vehicle(`v${i}`, { status: i % 2 === 0 ? 'moving' : 'parked' }));
    expect(clusterIconIds(many)).toEqual({ ring: 'cluster-ring:24:4040:none', label: 'cluster-label:1.2k' });
    expect(clusterIconIds([vehicle('a', { openAlerts: 1 }), vehicle('b', { freshness: 'delayed' })])).toEqual({
      ring: 'cluster-ring:13:8000:alert',
      label: 'cluster-label:2',
    });
  });

  it('needs few ring images however the counts change: sizes differing by one share a ring', () => {
    const rings = new Set<string>();
    for (let size = 2; size <= 400; size += 1) rings.add(clusterIconIds(Array.from({ length: size }, (_, i) => vehicle(`v${i}`))).ring);
    expect(rings.size).toBeLessThanOrEqual(15);
  });
});
