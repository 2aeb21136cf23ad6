// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { AlertView } from '@/lib/api/alerts';
import { alertKeys } from '@/lib/client/queries/alerts';
import type { VehicleView } from '@/lib/realtime/events';
import { giveChartsASize, lineStrokes } from '@/test/support/jsdom-charts';

import { AlertChart } from './alert-chart';

const T0 = Date.UTC(2026, 11, 3, 14, 0);

function reading(second: number): VehicleView {
  return {
    vehicleId: 'tanker-0001',
    fleet: 'tankers',
    ts: T0 + second * 1_000,
    receivedAt: T0 + second * 1_000,
    lat: 51.9,
    lon: 4.5,
    speedKmh: 40,
    headingDeg: 0,
    engineTempC: 90,
    containerTempC: second < 60 ? 10 : 17.3,
    fuelPct: 50,
    ignition: true,
    plate: 'BX-123-Z',
    driver: 'Anna de Vries',
    status: 'moving',
    freshness: 'live',
    openAlerts: 1,
  };
}

const VIEW: AlertView = {
  alert: {
    alertId: 'anomaly.tanker-0001.containerTempC.1',
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: 'tanker-0001',
    metric: 'containerTempC',
    value: 17.3,
    normal: { min: 7, max: 13 },
    startedAt: T0 + 60_000,
    detectedAt: T0 + 70_000,
    severity: 'warning',
    state: 'firing',
  },
  status: 'open',
  subject: 'tanker-0001',
  assignee: null,
  snoozedUntil: null,
  silencedBy: null,
  acknowledged: null,
  resolved: null,
  firstDetectedAt: T0 + 70_000,
  audit: [],
  auditTotal: 0,
  revision: 1,
};

/** The chart over `seconds` of the vehicle's history, already in the query cache as the pane would have it. */
function renderChart(seconds: number[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(alertKeys.history('tanker-0001'), seconds.map(reading));
  render(
    <QueryClientProvider client={client}>
      <AlertChart view={VIEW} />
    </QueryClientProvider>,
  );
}

beforeAll(() => {
  giveChartsASize(600, 220);
  // Nothing may leave the test: a refetch would only wait.
  vi.stubGlobal('fetch', () => new Promise(() => {}));
});

afterEach(cleanup);

describe('alert chart across a gap in the readings', () => {
  it('draws the readings in one stroke when none are missing', async () => {
    renderChart(Array.from({ length: 120 }, (_, s) => s));
    expect(await lineStrokes(1)).toEqual([1]);
    expect(screen.getByTestId('alert-chart').dataset.gaps).toBe('0');
  });

  it('breaks the line where the vehicle was silent (the demo stopped), instead of bridging it', async () => {
    renderChart([...Array.from({ length: 60 }, (_, s) => s), ...Array.from({ length: 60 }, (_, s) => 600 + s)]);
    expect(await lineStrokes(1)).toEqual([2]);
    expect(screen.getByTestId('alert-chart').dataset.gaps).toBe('1');
  });
});
