import { describe, expect, it } from 'vitest';

import type { TripPoint } from '../contracts/trip';

import { buildTrip, detectStops, downsample, haversineKm, pointAt, summarize } from './trip';

const T0 = Date.UTC(2026, 11, 3, 8);
const point = (s: number, lon: number, speedKmh: number, ignition = true): TripPoint => ({
  ts: T0 + s * 1000,
  lat: 52.5,
  lon,
  speedKmh,
  engineTempC: 90,
  ignition,
  status: speedKmh > 0 ? 'moving' : ignition ? 'idle' : 'parked',
});
const RULES = { stopMinMs: 120_000, maxGapMs: 30_000 };

/** Every `step` seconds from `from` to `to` (inclusive) at one speed, moving east 0.0001° per second while fast. */
function run(from: number, to: number, speedKmh: number, ignition = true, step = 10): TripPoint[] {
  const points: TripPoint[] = [];
  for (let s = from; s <= to; s += step) points.push(point(s, 13.4 + (speedKmh > 0 ? s * 0.0001 : from * 0.0001), speedKmh, ignition));
  return points;
}

describe('haversineKm', () => {
  it('measures great-circle distances', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.195, 2);
    // Berlin to Paris, about 878 km.
    expect(haversineKm({ lat: 52.52, lon: 13.405 }, { lat: 48.8566, lon: 2.3522 })).toBeCloseTo(877.5, 0);
    expect(haversineKm({ lat: 10, lon: 10 }, { lat: 10, lon: 10 })).toBe(0);
  });
});

describe('detectStops', () => {
  it('finds still spans at least the threshold long, from the halt to the moment the vehicle moved again', () => {
    const points = [...run(0, 290, 40), ...run(300, 600, 0), ...run(610, 700, 40), ...run(710, 770, 0), ...run(780, 800, 40)];
    const stops = detectStops(points, RULES.stopMinMs);
    expect(stops).toEqual([{ start: T0 + 300_000, end: T0 + 610_000, durationMs: 310_000, lat: 52.5, lon: 13.4 + 0.03, ignitionOff: false }]);
  });

  it('counts ignition-off as still whatever the speed says, and closes a stop at the last fix', () => {
    const points = [...run(0, 100, 40), ...run(110, 400, 3, false)];
    const [stop] = detectStops(points, RULES.stopMinMs);
    expect(stop).toMatchObject({ start: T0 + 110_000, end: T0 + 400_000, durationMs: 290_000, ignitionOff: true });
  });

  it('finds none in a trip that never stands', () => {
    expect(detectStops(run(0, 1000, 50), RULES.stopMinMs)).toEqual([]);
    expect(detectStops([], RULES.stopMinMs)).toEqual([]);
  });
});

describe('summarize', () => {
  it('adds driving time while moving, idle time while standing with the ignition on, and neither while parked', () => {
    const points = [...run(0, 100, 36), ...run(110, 200, 0), ...run(210, 300, 0, false), point(310, 13.5, 36)];
    const summary = summarize(points, RULES, 1);
    expect(summary.drivingMs).toBe(110_000);
    expect(summary.idleMs).toBe(100_000);
    expect(summary.stops).toBe(1);
  });

  it('measures distance along the route, skipping jitter between two still fixes', () => {
    const moving = run(0, 100, 36);
    const still = [point(110, 13.41, 0), point(120, 13.42, 0)];
    const expected =
      moving.slice(1).reduce((sum, p, i) => sum + haversineKm(moving[i] as TripPoint, p), 0) + haversineKm(moving.at(-1) as TripPoint, still[0] as TripPoint);
    expect(summarize([...moving, ...still], RULES, 0).distanceKm).toBeCloseTo(expected, 9);
  });

  it('counts a silence longer than the gap as missing data, not as driving', () => {
    const summary = summarize([point(0, 13.4, 40), point(10, 13.401, 40), point(600, 13.5, 40)], RULES, 0);
    expect(summary.drivingMs).toBe(10_000);
    // The distance still counts: the vehicle got there unseen (0.1° east at 52.5° N is about 6.8 km).
    expect(summary.distanceKm).toBeCloseTo(haversineKm({ lat: 52.5, lon: 13.4 }, { lat: 52.5, lon: 13.5 }), 6);
  });
});

describe('downsample', () => {
  it('keeps everything under the limit and otherwise picks evenly, first and last kept', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const picked = downsample(
      Array.from({ length: 1001 }, (_, i) => i),
      11,
    );
    expect(picked).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe('buildTrip', () => {
  it('orders fixes, drops a repeated one, and works the summary out from every fix before thinning the route', () => {
    const fixes = [...run(0, 590, 40), ...run(600, 900, 0)];
    const shuffled = [...fixes.slice(30), fixes[5] as TripPoint, ...fixes.slice(0, 30)];
    const trip = buildTrip(shuffled, RULES, 10);
    expect(trip.fixes).toBe(fixes.length);
    expect(trip.downsampled).toBe(true);
    expect(trip.points).toHaveLength(10);
    expect(trip.points[0]?.ts).toBe(T0);
    expect(trip.points.at(-1)?.ts).toBe(T0 + 900_000);
    expect(trip.stops).toHaveLength(1);
    expect(trip.summary.drivingMs).toBe(600_000);
    expect(trip.summary.idleMs).toBe(300_000);
  });
});

describe('pointAt', () => {
  it('finds the point nearest in time', () => {
    const points = [{ ts: 0 }, { ts: 10 }, { ts: 20 }];
    expect([pointAt(points, -5), pointAt(points, 4), pointAt(points, 6), pointAt(points, 99)].map((p) => p?.ts)).toEqual([0, 0, 10, 20]);
    expect(pointAt([], 5)).toBeUndefined();
  });
});
