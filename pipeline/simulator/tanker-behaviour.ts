import type { FleetWorld } from './fleet-world';
import { between, chance, intBetween, pick } from './random';
import type { Activity, SimVehicle, StopKind, TripKind } from './sim-vehicle';
import { stopped } from './sim-vehicle';

const MIN = 60_000;
const HOUR = 60 * MIN;
const REFUEL_BELOW_PCT = 40;
// Rotterdam local time, standard offset: good enough to send drivers home at night.
const LOCAL_OFFSET_H = 1;

/** What a tanker does when it reaches a station or its depot. */
export function tankerArrival(vehicle: SimVehicle, trip: TripKind, nowMs: number): Activity {
  const { rng } = vehicle;
  // Unloading runs the pump from the engine, so the ignition stays on.
  if (trip === 'delivery') return stopped('unload', nowMs, between(rng, 15 * MIN, 30 * MIN), true);
  if (vehicle.fuelPct < REFUEL_BELOW_PCT) vehicle.fuelPct = between(rng, 97, 100);
  if (isNight(nowMs) && chance(rng, 0.7)) return stopped('overnight', nowMs, untilMorning(nowMs) + between(rng, 0, 90 * MIN), false);
  return stopped('load', nowMs, between(rng, 20 * MIN, 45 * MIN), false);
}

/** After loading: a run of one to three stations; after the last delivery: back to the depot. */
export function tankerNextTrip(vehicle: SimVehicle, stop: StopKind, world: FleetWorld): { trip: TripKind; destination: number } {
  if (stop !== 'unload') vehicle.deliveries = planRun(vehicle, world);
  const next = vehicle.deliveries.shift();
  return next === undefined ? { trip: 'depot', destination: vehicle.home } : { trip: 'delivery', destination: next };
}

export function planRun(vehicle: SimVehicle, world: FleetWorld): number[] {
  return Array.from({ length: intBetween(vehicle.rng, 1, 3) }, () => pick(vehicle.rng, world.stations));
}

export function localHour(nowMs: number): number {
  return (nowMs / HOUR + LOCAL_OFFSET_H) % 24;
}

function isNight(nowMs: number): boolean {
  const hour = localHour(nowMs);
  return hour >= 22 || hour < 5;
}

/** Milliseconds from now until 05:00 local. */
function untilMorning(nowMs: number): number {
  const hour = localHour(nowMs);
  return ((5 - hour + 24) % 24) * HOUR;
}
