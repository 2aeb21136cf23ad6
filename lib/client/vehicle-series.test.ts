import { describe, expect, it } from 'vitest';

import type { VehicleView } from '../realtime/events';

import { MAX_SERIES_POINTS, SERIES_WINDOW_MS, VehicleSeries } from './vehicle-series';

function point(ts: number): VehicleView {
  return {
    vehicleId: 'cab-1',
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
    status: 'moving',
    freshness: 'live',
    openAlerts: 0,
  };
}

function manual() {
  const pending: (() => void)[] = [];
  const series = new VehicleSeries('cab-1', (callback) => pending.push(callback));
  return { series, flush: () => pending.splice(0).forEach((callback) => callback()) };
}

describe('VehicleSeries', () => {
  it('merges history and live points in time order without duplicates, publishing once per frame', () => {
    const { series, flush } = manual();
    let renders = 0;
    series.subscribe(() => (renders += 1));
    series.add([point(3000), point(1000)]);
    series.add([point(2000), point(3000)]);
    flush();
    expect(renders).toBe(1);
    expect(series.getSnapshot().map((p) => p.ts)).toEqual([1000, 2000, 3000]);
  });

  it('keeps only the last 15 minutes and at most the point cap', () => {
    const { series, flush } = manual();
    series.add([point(0), point(SERIES_WINDOW_MS + 5000)]);
    flush();
    expect(series.getSnapshot().map((p) => p.ts)).toEqual([SERIES_WINDOW_MS + 5000]);
    series.add(Array.from({ length: MAX_SERIES_POINTS + 50 }, (_, i) => point(SERIES_WINDOW_MS + 6000 + i)));
    flush();
    expect(series.getSnapshot()).toHaveLength(MAX_SERIES_POINTS);
  });
});
