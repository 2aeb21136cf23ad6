import { describe, expect, it } from 'vitest';

import type { Trip } from '../contracts/trip';

import { TRIP_CSV_HEADER, tripCsv, tripFileName, tripGeoJson } from './trip-export';

const T0 = Date.UTC(2026, 11, 3, 8);
const trip: Trip = {
  vehicleId: 'tnk-0001',
  from: T0,
  to: T0 + 3_600_000,
  retention: { retentionMs: 7 * 86_400_000, oldestAt: T0 - 86_400_000 },
  fixes: 3,
  downsampled: false,
  maxPoints: 2_000,
  stopMinMs: 120_000,
  points: [
    { ts: T0, lat: 52.5, lon: 13.4, speedKmh: 0, engineTempC: 80, containerTempC: 4.5, ignition: true, status: 'idle' },
    { ts: T0 + 1_000, lat: 52.501, lon: 13.401, speedKmh: 30.5, engineTempC: 81, ignition: true, status: 'moving' },
    { ts: T0 + 2_000, lat: 52.502, lon: 13.402, speedKmh: 0, engineTempC: 82, containerTempC: 5, ignition: false, status: 'parked' },
  ],
  stops: [{ start: T0 + 2_000, end: T0 + 302_000, durationMs: 300_000, lat: 52.502, lon: 13.402, ignitionOff: true }],
  summary: { distanceKm: 0.26, drivingMs: 1_000, idleMs: 1_000, stops: 1 },
};

describe('tripCsv', () => {
  it('writes a header and one row per point, times in UTC, an absent container temperature left empty', () => {
    const lines = tripCsv(trip).trimEnd().split('\r\n');
    expect(lines[0]).toBe(TRIP_CSV_HEADER.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('2026-12-03T08:00:00.000Z,52.5,13.4,0,80,4.5,true,idle');
    expect(lines[2]).toBe('2026-12-03T08:00:01.000Z,52.501,13.401,30.5,81,,true,moving');
  });

  it('writes only the header for a trip without fixes', () => {
    expect(tripCsv({ ...trip, points: [], stops: [] })).toBe(`${TRIP_CSV_HEADER.join(',')}\r\n`);
  });
});

describe('tripGeoJson', () => {
  it('draws the route as one LineString (lon, lat) and each stop as a Point with its duration', () => {
    const collection = tripGeoJson(trip);
    expect(collection.type).toBe('FeatureCollection');
    const [route, stop] = collection.features;
    expect(route?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [13.4, 52.5],
        [13.401, 52.501],
        [13.402, 52.502],
      ],
    });
    expect(route?.properties).toMatchObject({ kind: 'route', vehicleId: 'tnk-0001', distanceKm: 0.26, stops: 1 });
    expect(stop).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [13.402, 52.502] },
      properties: { kind: 'stop', start: '2026-12-03T08:00:02.000Z', end: '2026-12-03T08:05:02.000Z', durationS: 300, ignitionOff: true },
    });
  });
});

describe('tripFileName', () => {
  it('names the file after the vehicle and the period', () => {
    expect(tripFileName(trip, 'csv')).toBe('trip-tnk-0001-2026-12-03T0800-2026-12-03T0900.csv');
  });
});

describe('tripGeoJson across a gap in the data', () => {
  const at = (i: number, ts: number) => ({
    ts,
    lat: 52.5 + i / 1000,
    lon: 13.4 + i / 1000,
    speedKmh: 30,
    engineTempC: 85,
    ignition: true,
    status: 'moving' as const,
  });
  // Six fixes a second apart, two hours of nothing (the demo was down), then four more.
  const points = [0, 1, 2, 3, 4, 5, 7_205, 7_206, 7_207, 7_208].map((second, i) => at(i, T0 + second * 1_000));

  it('splits the route into a MultiLineString at the gap, times in the same shape', () => {
    const [route] = tripGeoJson({ ...trip, points, stops: [] }).features;
    expect(route?.geometry.type).toBe('MultiLineString');
    expect((route?.geometry.coordinates as number[][][]).map((line) => line.length)).toEqual([6, 4]);
    expect((route?.properties as { times: string[][] }).times[1]?.[0]).toBe(new Date(T0 + 7_205_000).toISOString());
  });

  it('draws a lone fix between two gaps as a line of that fix twice, as RFC 7946 wants two positions', () => {
    const lone = [...points.slice(0, 6), at(6, T0 + 3_600_000), ...points.slice(6)];
    const [route] = tripGeoJson({ ...trip, points: lone, stops: [] }).features;
    expect((route?.geometry.coordinates as number[][][])[1]).toEqual([
      [13.406, 52.506],
      [13.406, 52.506],
    ]);
  });
});
