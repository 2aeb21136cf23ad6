import { describe, expect, it } from 'vitest';

import type { VehicleView } from '../realtime/events';

import { fleetKpis } from './kpis';
import { DEFAULT_LIST_QUERY, queryVehicles, vehicleFilter } from './list-query';

function vehicle(vehicleId: string, overrides: Partial<VehicleView> = {}): VehicleView {
  return {
    vehicleId,
    fleet: 'cabs',
    ts: 1000,
    receivedAt: 1000,
    lat: 51.9,
    lon: 4.5,
    speedKmh: 30,
    headingDeg: 0,
    engineTempC: 90,
    fuelPct: 50,
    ignition: true,
    plate: `P-${vehicleId}`,
    driver: 'Anna de Vries',
    status: 'moving',
    freshness: 'live',
    openAlerts: 0,
    ...overrides,
  };
}

const fleet = [
  vehicle('cab-0002', { plate: 'XK-123-B', speedKmh: 50 }),
  vehicle('cab-0001', { driver: 'Jan Bakker', status: 'parked', speedKmh: 0 }),
  vehicle('tanker-0001', { fleet: 'tankers', containerTempC: 18, openAlerts: 2, speedKmh: 70 }),
  vehicle('tanker-0002', { fleet: 'tankers', containerTempC: 12, status: 'offline', freshness: 'offline', speedKmh: 80 }),
];

describe('vehicle list query', () => {
  it('searches id, plate and driver, ignoring case', () => {
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, search: 'xk-123' }).map((v) => v.vehicleId)).toEqual(['cab-0002']);
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, search: 'bakker' }).map((v) => v.vehicleId)).toEqual(['cab-0001']);
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, search: 'TANKER' })).toHaveLength(2);
  });

  it('finds a plate typed without dashes, spaces or case ("xk123b", "XK 123")', () => {
    for (const search of ['xk123b', 'XK 123', ' xk-123-b ', 'Xk123'])
      expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, search }).map((v) => v.vehicleId)).toEqual(['cab-0002']);
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, search: 'tanker0001' }).map((v) => v.vehicleId)).toEqual(['tanker-0001']);
  });

  it('gives the map the same test the list uses', () => {
    const shown = fleet.filter(vehicleFilter({ ...DEFAULT_LIST_QUERY, fleet: 'tankers', search: '0002' }));
    expect(shown.map((v) => v.vehicleId)).toEqual(['tanker-0002']);
  });

  it('filters by fleet, status and open alerts', () => {
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, fleet: 'tankers', status: 'offline' }).map((v) => v.vehicleId)).toEqual(['tanker-0002']);
    expect(queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, onlyWithAlerts: true }).map((v) => v.vehicleId)).toEqual(['tanker-0001']);
  });

  it('sorts by any column either way, missing values last', () => {
    const bySpeed = queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, sort: { column: 'speedKmh', descending: true } });
    expect(bySpeed.map((v) => v.speedKmh)).toEqual([80, 70, 50, 0]);
    const byContainer = queryVehicles(fleet, { ...DEFAULT_LIST_QUERY, sort: { column: 'containerTempC', descending: false } });
    expect(byContainer.map((v) => v.vehicleId)).toEqual(['tanker-0002', 'tanker-0001', 'cab-0001', 'cab-0002']);
  });
});

describe('fleet KPIs', () => {
  it('counts by status and fleet, averages speed over reporting vehicles, counts open alerts', () => {
    const kpis = fleetKpis(fleet);
    expect(kpis.byStatus).toEqual({ moving: 2, idle: 0, parked: 1, offline: 1 });
    expect(kpis.byFleet).toEqual({ cabs: 2, tankers: 2 });
    expect(kpis.averageSpeedKmh).toBeCloseTo(40);
    expect(kpis.withOpenAlerts).toBe(1);
  });
});
