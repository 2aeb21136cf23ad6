import { describe, expect, it } from 'vitest';

import type { VehicleView } from '../realtime/events';

import { FleetStore } from './fleet-store';



function vehicle(vehicleId: string, status: VehicleView['status'], ts: number): VehicleView {
  return { vehicleId, fleet: 'cabs', ts, receivedAt: ts, lat: 51.9, lon: 4.5, speedKmh: 30, headingDeg: 0, engineTempC: 90, fuelPct: 50, ignition: true, plate: 'X', driver: 'Y', status, freshness: 'live', openAlerts: 0 };
}

function manualStore() {
  const pending: (() => void)[] = [];
  const store = new FleetStore((callback) => pending.push(callback));
  const flush = () => pending.splice(0).forEach((callback) => callback());
  return { store, flush };
}

describe('browser FleetStore', () => {
  it('folds many frames into one notification per animation frame', () => {
    const { store, flush } = manualStore();
    let renders = 0;
    store.subscribe(() => (renders += 1));
    store.apply({ snapshot: true, vehicles: [vehicle('a', 'moving', 1)], removed: [], sentAt: 1 });
    store.apply({ snapshot: false, vehicles: [vehicle('b', 'idle', 2)], removed: [], sentAt: 2 });
    store.apply({ snapshot: false, vehicles: [vehicle('a', 'parked', 3)], removed: [], sentAt: 3 });
    expect(store.getSnapshot().loaded).toBe(false);
    flush();
    expect(renders).toBe(1);
    const view = store.getSnapshot();
    expect(view.counts).toEqual({ total: 2, moving: 0, idle: 1, parked: 1, offline: 0 });
    expect(view.newestFixAt).toBe(3);
    expect(view.lastFrameAt).toBe(3);
  });

  it('replaces everything on a snapshot and drops removed vehicles', () => {
    const { store, flush } = manualStore();
    store.apply({ snapshot: true, vehicles: [vehicle('a', 'moving', 1), vehicle('b', 'moving', 1)], removed: [], sentAt: 1 });
    store.apply({ snapshot: false, vehicles: [], removed: ['a'], sentAt: 2 });
    flush();
    expect([...store.getSnapshot().vehicles.keys()]).toEqual(['b']);
    store.apply({ snapshot: true, vehicles: [vehicle('c', 'idle', 5)], removed: [], sentAt: 5 });
    flush();
    expect([...store.getSnapshot().vehicles.keys()]).toEqual(['c']);
  });

  it('keeps the same view object between frames so React does not re-render', () => {
    const { store, flush } = manualStore();
    store.apply({ snapshot: true, vehicles: [vehicle('a', 'moving', 1)], removed: [], sentAt: 1 });
    flush();
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it('rebuilds a large fleet\'s view at most once per interval, however many frames arrive', () => {
    let now = 0;
    const pending: (() => void)[] = [];
    const store = new FleetStore((callback) => pending.push(callback), () => now);
    const flush = () => pending.splice(0).forEach((callback) => callback());
    const fleet = Array.from({ length: 5_000 }, (_, i) => vehicle(`v${i}`, 'moving', 1));
    let renders = 0;
    store.subscribe(() => (renders += 1));
    store.apply({ snapshot: true, vehicles: fleet, removed: [], sentAt: 1 });
    flush();
    expect(renders).toBe(1);
    for (now = 16; now < 500; now += 16) {
      store.apply({ snapshot: false, vehicles: [vehicle('v1', 'idle', now)], removed: [], sentAt: now });
      flush();
    }
    expect(renders).toBe(1);
    now = 520;
    flush();
    expect(renders).toBe(2);
    expect(store.getSnapshot().vehicles.get('v1')?.status).toBe('idle');
  });
});
