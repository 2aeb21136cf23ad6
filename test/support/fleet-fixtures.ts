import type { VehicleState } from '../../lib/contracts/fleet';
import type { ReplayVehicle } from '../../lib/contracts/replay';

/** A contract-valid processed fix of a moving cab, for the unit tests of time travel. */
export function vehicleState(vehicleId: string, ts: number, extra: Partial<VehicleState> = {}): VehicleState {
  return {
    vehicleId,
    fleet: 'cabs',
    ts,
    lat: 52.5,
    lon: 13.4,
    speedKmh: 30,
    headingDeg: 0,
    engineTempC: 90,
    fuelPct: 50,
    ignition: true,
    plate: 'B-1',
    driver: 'D',
    status: 'moving',
    ...extra,
  };
}

/** The same fix as a replay holds it: reached Kafka when it was taken, unless `extra` says otherwise. */
export function replayVehicle(vehicleId: string, ts: number, extra: Partial<ReplayVehicle> = {}): ReplayVehicle {
  return { ...vehicleState(vehicleId, ts), receivedAt: ts, ...extra };
}
