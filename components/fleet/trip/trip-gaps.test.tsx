// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Trip, TripPoint } from '@/lib/contracts/trip';
import { formatMinute } from '@/lib/format';
import { findGaps } from '@/lib/series-gaps';
import { giveChartsASize, lineStrokes } from '@/test/support/jsdom-charts';

import { TripCharts } from './trip-charts';
import { TripSummary } from './trip-summary';

const T0 = new Date(2026, 11, 3, 14, 0, 0).getTime();
const point = (second: number): TripPoint => ({
  ts: T0 + second * 1_000,
  lat: 51.92,
  lon: 4.48 + second / 10_000,
  speedKmh: 40,
  engineTempC: 88,
  containerTempC: 12,
  ignition: true,
  status: 'moving',
});
// Two minutes of fixes a second apart, then the demo was down for two hours, then two more minutes.
const SECONDS = [...Array.from({ length: 120 }, (_, s) => s), ...Array.from({ length: 120 }, (_, s) => 2 * 3600 + 120 + s)];
const POINTS = SECONDS.map(point);
const TRIP: Trip = {
  vehicleId: 'tanker-0001',
  from: T0,
  to: T0 + 3 * 3_600_000,
  retention: { retentionMs: 7 * 86_400_000, oldestAt: T0 - 86_400_000 },
  fixes: POINTS.length,
  downsampled: false,
  maxPoints: 2_000,
  stopMinMs: 120_000,
  points: POINTS,
  stops: [],
  summary: { distanceKm: 3, drivingMs: 240_000, idleMs: 0, stops: 0 },
};

beforeAll(() => giveChartsASize());

afterEach(cleanup);

describe('trip view across a gap in the data', () => {
  it('draws each chart line in one stroke without a gap', async () => {
    const points = POINTS.slice(0, 120);
    render(<TripCharts points={points} gaps={findGaps(points.map((p) => p.ts))} cursorTs={null} onHover={vi.fn()} />);
    expect(await lineStrokes(3)).toEqual([1, 1, 1]);
  });

  it('breaks every chart line at the two hours nothing was heard, and shades them', async () => {
    render(<TripCharts points={POINTS} gaps={findGaps(SECONDS.map((s) => T0 + s * 1_000))} cursorTs={null} onHover={vi.fn()} />);
    expect(await lineStrokes(3)).toEqual([2, 2, 2]);
    expect(screen.getByTestId('trip-charts').dataset.gaps).toBe('1');
  });

  it('names the gap in the summary', () => {
    render(<TripSummary trip={TRIP} gaps={findGaps(POINTS.map((p) => p.ts))} />);
    const gap = `${formatMinute(T0 + 119_000)}–${formatMinute(T0 + (2 * 3600 + 120) * 1_000)}`;
    expect(screen.getByTestId('trip-gaps').textContent).toContain(`no data ${gap}`);
  });
});
