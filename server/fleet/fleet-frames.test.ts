import { describe, expect, it } from 'vitest';

import { FULL_MASK } from '@/lib/contracts/fleet-frame';
import type { FleetFrame } from '@/lib/contracts/fleet-frame';
import { applyFrame, parseFrame } from '@/lib/fleet/frame-codec';
import type { VehicleView } from '@/lib/realtime/events';

import { FleetFrameEncoder } from './fleet-frames';

const t0 = Date.UTC(2026, 11, 3, 8);

function view(i: number, ts: number, overrides: Partial<VehicleView> = {}): VehicleView {
  const tanker = i % 3 === 0;
  return {
    vehicleId: tanker ? `tanker-${i}` : `cab-${i}`,
    fleet: tanker ? 'tankers' : 'cabs',
    ts,
    receivedAt: ts + 40,
    lat: 51.9 + i * 0.000123456,
    lon: 4.47 + i * 0.000098765,
    speedKmh: 30.4,
    headingDeg: 91.7,
    engineTempC: 88.26,
    ...(tanker ? { containerTempC: 14.04, cargo: 'diesel' as const, depot: 'Botlek' } : {}),
    fuelPct: 60.2,
    ignition: true,
    plate: `P-${i}`,
    driver: `D ${i}`,
    status: 'moving',
    freshness: 'live',
    openAlerts: 0,
    ...overrides,
  };
}

/** A small random walk of the fleet: positions, speeds, statuses, alerts and optional fields change. */
function step(fleet: VehicleView[], tick: number): VehicleView[] {
  return fleet.map((vehicle, i) => {
    if ((i + tick) % 4 === 0) return vehicle; // not every vehicle reports every tick
    const ts = vehicle.ts + 1000;
    const next: VehicleView = {
      ...vehicle,
      ts,
      receivedAt: ts + 25 + (i % 7),
      lat: vehicle.lat + 0.0000137 * ((i % 5) - 2),
      lon: vehicle.lon + 0.0000041 * tick,
      speedKmh: (vehicle.speedKmh + 3.3 * tick) % 120,
      headingDeg: (vehicle.headingDeg + 11) % 360,
    };
    if (i % 5 === tick % 5) next.status = 'idle';
    if (i % 7 === tick % 7) next.openAlerts = tick % 3;
    if (i % 11 === tick % 11) delete next.containerTempC;
    if (i % 13 === tick % 13) next.roadCondition = tick % 2 === 0 ? 'wet' : undefined;
    if (next.roadCondition === undefined) delete next.roadCondition;
    return next;
  });
}

function fold(frames: FleetFrame[], into = new Map<string, VehicleView>()): Map<string, VehicleView> {
  for (const frame of frames) {
    // Every frame passes the contract as it would after a trip over the wire.
    const received = parseFrame(JSON.parse(JSON.stringify(frame)));
    expect(received).toBeDefined();
    expect(applyFrame(into, received!).rejected).toBe(0);
  }
  return into;
}

describe('FleetFrameEncoder', () => {
  it('gives the same fleet from a snapshot plus deltas as from a fresh snapshot', () => {
    const encoder = new FleetFrameEncoder();
    let fleet = Array.from({ length: 60 }, (_, i) => view(i, t0));
    encoder.delta(fleet, t0);
    const client = fold([encoder.snapshot(t0 + 10)]);
    for (let tick = 1; tick <= 12; tick += 1) {
      const before = fleet;
      fleet = step(fleet, tick);
      const changed = fleet.filter((vehicle, i) => vehicle !== before[i]);
      fold([encoder.delta(changed, t0 + tick * 1000 + 7)], client);
    }
    const fresh = fold([encoder.snapshot(t0 + 20_000)]);
    expect(client.size).toBe(60);
    expect(new Map([...client].sort())).toEqual(new Map([...fresh].sort()));
    // And the fresh snapshot is the fleet itself, rounded to what the map shows.
    const sample = fresh.get('tanker-3')!;
    const truth = fleet[3]!;
    expect(sample.ts).toBe(truth.ts);
    expect(sample.receivedAt).toBe(truth.receivedAt);
    expect(sample.lat).toBeCloseTo(truth.lat, 5);
    expect(sample.speedKmh).toBe(Math.round(truth.speedKmh));
    expect(sample.containerTempC === undefined).toBe(truth.containerTempC === undefined);
  });

  it('sends only the fields that changed, rounded, and nothing for changes the map cannot show', () => {
    const encoder = new FleetFrameEncoder();
    const first = view(1, t0);
    encoder.delta([first], t0);
    const moved = { ...first, ts: t0 + 1000, receivedAt: t0 + 1040, lat: first.lat + 0.0001, speedKmh: 42.6 };
    const delta = encoder.delta([moved], t0 + 1100);
    expect(delta.v).toHaveLength(1);
    const [vehicleId, mask, ...values] = delta.v[0]!;
    expect(vehicleId).toBe('cab-1');
    expect(mask).not.toBe(FULL_MASK);
    // ts (100 ms before sentAt), receivedAt (40 ms after ts), lat, speed: four values, no keys.
    expect(values).toEqual([100, 40, Math.round(moved.lat * 1e5) / 1e5, 43]);
    expect(encoder.delta([{ ...moved, lat: moved.lat + 0.000001 }], t0 + 1200).v).toEqual([]);
  });

  it('catches a client up with complete entries that merge into what it had', () => {
    const encoder = new FleetFrameEncoder();
    encoder.delta([view(1, t0), view(2, t0)], t0);
    const client = fold([encoder.snapshot(t0)]);
    encoder.delta([view(1, t0 + 1000, { status: 'parked', speedKmh: 0 })], t0 + 1000);
    const catchUp = encoder.catchUp(['cab-1', 'cab-unknown'], t0 + 1100);
    expect(catchUp.s).toBe(false);
    expect(catchUp.v.map((entry) => [entry[0], entry[1]])).toEqual([['cab-1', FULL_MASK]]);
    fold([catchUp], client);
    expect(client.get('cab-1')).toMatchObject({ status: 'parked', speedKmh: 0, ts: t0 + 1000 });
    expect(client.get('cab-2')).toBeDefined();
  });

  it('refuses a partial entry for an unknown vehicle and a wrongly typed field, keeping the rest', () => {
    const encoder = new FleetFrameEncoder();
    encoder.delta([view(1, t0)], t0);
    const client = fold([encoder.snapshot(t0)]);
    const good = encoder.delta([view(1, t0 + 1000)], t0 + 1000).v[0]!;
    const result = applyFrame(client, { s: false, t: t0 + 1000, v: [['cab-404', 1, 'cabs'], ['cab-1', 1 << 14, 'fast'], good] });
    expect(result).toEqual({ applied: 1, rejected: 2 });
    expect(client.has('cab-404')).toBe(false);
    expect(client.get('cab-1')?.ts).toBe(t0 + 1000);
    expect(parseFrame({ s: false, t: 1, v: [['cab-1']] })).toBeUndefined();
  });
});
