import { describe, expect, it } from 'vitest';

import { FULL_MASK } from '../contracts/fleet-frame';
import type { FleetFrame } from '../contracts/fleet-frame';
import { toEntry, toRow } from '../fleet/frame-codec';
import type { VehicleView } from '../realtime/events';

import { FleetStore } from './fleet-store';

function vehicle(vehicleId: string, status: VehicleView['status'], ts: number): VehicleView {
  return {
    vehicleId,
    fleet: 'cabs',
    ts,
    receivedAt: ts,
    lat: 51.9,
    lon: 4.5,
    speedKmh: 30,
    headingDeg: 0,
    engineTempC: 90,
    fuelPct: 50,
    ignition: true,
    plate: 'X',
    driver: 'Y',
    status,
    freshness: 'live',
    openAlerts: 0,
  };
}

/** A frame with complete entries, as the BFF sends on subscribe (`snapshot`) or to catch a client up. */
function frame(snapshot: boolean, vehicles: VehicleView[], sentAt: number, removed: string[] = []): FleetFrame {
  return { s: snapshot, t: sentAt, v: vehicles.map((v) => toEntry(v.vehicleId, toRow(v), FULL_MASK, sentAt)), r: removed };
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
    store.apply(frame(true, [vehicle('a', 'moving', 1)], 1));
    store.apply(frame(false, [vehicle('b', 'idle', 2)], 2));
    store.apply(frame(false, [vehicle('a', 'parked', 3)], 3));
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
    store.apply(frame(true, [vehicle('a', 'moving', 1), vehicle('b', 'moving', 1)], 1));
    store.apply(frame(false, [], 2, ['a']));
    flush();
    expect([...store.getSnapshot().vehicles.keys()]).toEqual(['b']);
    store.apply(frame(true, [vehicle('c', 'idle', 5)], 5));
    flush();
    expect([...store.getSnapshot().vehicles.keys()]).toEqual(['c']);
  });

  it('counts whole-fleet replacements apart from frames, so the map draws a chosen moment at once', () => {
    const { store } = manualStore();
    store.apply(frame(false, [vehicle('a', 'moving', 1)], 1));
    expect({ version: store.version, replacements: store.replacements }).toEqual({ version: 1, replacements: 0 });
    store.replaceAll([vehicle('b', 'parked', 1)], 1);
    expect({ version: store.version, replacements: store.replacements }).toEqual({ version: 2, replacements: 1 });
    expect([...store.live.keys()]).toEqual(['b']);
  });

  it('forgets a past fleet that could not be read, so no other moment is shown in its place', () => {
    const { store, flush } = manualStore();
    store.replaceAll([vehicle('b', 'parked', 1)], 1);
    flush();
    store.clear();
    flush();
    expect(store.getSnapshot()).toMatchObject({ loaded: false, lastFrameAt: null });
    expect(store.getSnapshot().vehicles.size).toBe(0);
    expect(store.replacements).toBe(2);
  });

  it('counts a frame or an entry that breaks the contract and keeps the fleet as it was', () => {
    const { store, flush } = manualStore();
    store.apply(frame(true, [vehicle('a', 'moving', 1)], 1));
    store.apply({ s: false, t: 2, v: [['a', 1 << 5, 'flying']] });
    store.apply({ snapshot: true, vehicles: [] });
    flush();
    expect(store.rejected).toBe(2);
    expect(store.getSnapshot().vehicles.get('a')?.status).toBe('moving');
    expect(store.getSnapshot().lastFrameAt).toBe(2);
  });

  it('keeps the same view object between frames so React does not re-render', () => {
    const { store, flush } = manualStore();
    store.apply(frame(true, [vehicle('a', 'moving', 1)], 1));
    flush();
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it("rebuilds a large fleet's view at most once per interval, however many frames arrive", () => {
    let now = 0;
    const pending: (() => void)[] = [];
    const store = new FleetStore(
      (callback) => pending.push(callback),
      () => now,
    );
    const flush = () => pending.splice(0).forEach((callback) => callback());
    const fleet = Array.from({ length: 5_000 }, (_, i) => vehicle(`v${i}`, 'moving', 1));
    let renders = 0;
    store.subscribe(() => (renders += 1));
    store.apply(frame(true, fleet, 1));
    flush();
    expect(renders).toBe(1);
    for (now = 16; now < 500; now += 16) {
      store.apply(frame(false, [vehicle('v1', 'idle', now)], now));
      flush();
    }
    expect(renders).toBe(1);
    now = 520;
    flush();
    expect(renders).toBe(2);
    expect(store.getSnapshot().vehicles.get('v1')?.status).toBe('idle');
  });
});
