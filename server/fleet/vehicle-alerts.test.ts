import { afterEach, describe, expect, it } from 'vitest';

import { FleetStore } from './fleet-store';
import { clearVehicleOpenAlerts, onVehicleAlertsChange, openAlertsOf, setVehicleOpenAlerts } from './vehicle-alerts';

const t0 = Date.UTC(2026, 10, 23, 12);

afterEach(() => clearVehicleOpenAlerts());

describe('vehicle open alerts', () => {
  it('records the count per vehicle and tells listeners only about changes', () => {
    const changed: string[] = [];
    const off = onVehicleAlertsChange((vehicleId) => changed.push(vehicleId));
    setVehicleOpenAlerts('cab-1', 2);
    setVehicleOpenAlerts('cab-1', 2);
    setVehicleOpenAlerts('tanker-1', 1);
    setVehicleOpenAlerts('cab-1', 0);
    off();
    setVehicleOpenAlerts('cab-1', 5);
    expect(changed).toEqual(['cab-1', 'tanker-1', 'cab-1']);
    expect(openAlertsOf('cab-1')).toBe(5);
    expect(openAlertsOf('tanker-1')).toBe(1);
    expect(openAlertsOf('cab-9')).toBe(0);
  });

  it('treats negative or broken counts as none', () => {
    setVehicleOpenAlerts('cab-1', -3);
    setVehicleOpenAlerts('cab-2', Number.NaN);
    expect(openAlertsOf('cab-1')).toBe(0);
    expect(openAlertsOf('cab-2')).toBe(0);
  });

  it('puts the vehicle in the next fleet delta with its count', () => {
    const fleet = new FleetStore({ offlineAfterMs: 30_000, historyMs: 60_000, maxHistoryPoints: 100, openAlertsOf });
    const off = onVehicleAlertsChange((vehicleId) => fleet.markChanged(vehicleId));
    fleet.apply(
      { vehicleId: 'cab-1', fleet: 'cabs', ts: t0, lat: 51.9, lon: 4.47, speedKmh: 0, headingDeg: 0, engineTempC: 90, fuelPct: 60, ignition: true, plate: 'P', driver: 'D', status: 'idle' },
      t0,
    );
    fleet.takeChanges(t0);
    setVehicleOpenAlerts('cab-1', 1);
    setVehicleOpenAlerts('cab-unknown', 1);
    const delta = fleet.takeChanges(t0 + 100);
    off();
    expect(delta.map((vehicle) => [vehicle.vehicleId, vehicle.openAlerts])).toEqual([['cab-1', 1]]);
  });
});
