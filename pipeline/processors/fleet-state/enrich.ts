import type { RawTelemetry, Vehicle, VehicleState, VehicleStatus } from '@/lib/contracts/fleet';

/** Below this a vehicle with its engine on is idling, not driving (GPS speed jitters around 0). */
export const IDLE_BELOW_KMH = 3;
/** Fixes further ahead than this are a unit with a broken clock; they would poison every window. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function statusOf(telemetry: Pick<RawTelemetry, 'ignition' | 'speedKmh'>): VehicleStatus {
  if (!telemetry.ignition) return 'parked';
  return telemetry.speedKmh < IDLE_BELOW_KMH ? 'idle' : 'moving';
}

export type EnrichResult = { ok: true; state: VehicleState } | { ok: false; reason: string };

/** Joins a fix with the registry; a vehicle not (yet) registered still shows, marked as such. */
export function enrichTelemetry(telemetry: RawTelemetry, vehicle: Vehicle | undefined, now: number): EnrichResult {
  if (telemetry.ts > now + MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: `future-timestamp: ts ${new Date(telemetry.ts).toISOString()} is more than 5 minutes ahead` };
  }
  if (vehicle && vehicle.fleet !== telemetry.fleet) {
    return { ok: false, reason: `fleet-mismatch: telemetry says ${telemetry.fleet}, registry says ${vehicle.fleet}` };
  }
  return {
    ok: true,
    state: {
      ...telemetry,
      plate: vehicle?.plate ?? 'unregistered',
      driver: vehicle?.driver ?? 'unregistered',
      depot: vehicle?.depot,
      cargo: vehicle?.cargo,
      status: statusOf(telemetry),
    },
  };
}
