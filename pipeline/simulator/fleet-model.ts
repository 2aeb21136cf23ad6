import type { Fleet, RawTelemetry, Vehicle } from '@/lib/contracts/fleet';

import { buildRegistry } from './fleet-registry';
import type { FleetWorld } from './fleet-world';
import { buildFleetWorld } from './fleet-world';
import type { Rng } from './random';
import { pick } from './random';
import type { SimVehicle } from './sim-vehicle';
import { createVehicle } from './vehicle-init';
import { stepVehicle } from './vehicle-step';
import { ambientHistory, conditionsAt } from './weather';

export interface FleetOptions {
  seed: number;
  cabs: number;
  tankers: number;
  intervalMs: number;
  startMs: number;
}

/** Turns a fix into what a faulty vehicle would send (fault scenarios); identity when none runs. */
/** Returns the fix to send, or undefined when a scenario keeps the vehicle silent. */
export type ReadingAdjuster = (reading: RawTelemetry) => RawTelemetry | undefined;

export interface FleetModel {
  readonly world: FleetWorld;
  readonly registry: readonly Vehicle[];
  /** The fixes of every vehicle whose turn has come by `nowMs` (wall clock: telemetry is never accelerated). */
  due(nowMs: number, adjust?: ReadingAdjuster): RawTelemetry[];
  /** Starts the reporting schedule at `nowMs` (when producing begins after a slow start-up), phases kept. */
  restartSchedule(nowMs: number): void;
  /** A random vehicle of `fleet`, preferring one that is moving; undefined when the fleet is empty. */
  pickVehicle(rng: Rng, fleet?: Fleet): string | undefined;
  fleetOf(vehicleId: string): Fleet | undefined;
}

export function createFleetModel(options: FleetOptions): FleetModel {
  const world = buildFleetWorld(options.seed);
  const members = buildRegistry(options.seed, options.cabs, options.tankers, world.places);
  const ambientHistoryC = ambientHistory(options.seed, options.startMs);
  const vehicles = members.map((member) => createVehicle(member, world, ambientHistoryC, options.startMs));
  spreadPhases(vehicles, options.intervalMs, options.startMs);
  const byId = new Map(vehicles.map((vehicle) => [vehicle.vehicleId, vehicle]));
  return {
    world,
    registry: members.map((member) => member.vehicle),
    due: (nowMs, adjust) => dueReadings(vehicles, world, options.intervalMs, nowMs, adjust),
    restartSchedule: (nowMs) => spreadPhases(vehicles, options.intervalMs, nowMs),
    pickVehicle: (rng, fleet) => pickVehicle(vehicles, rng, fleet),
    fleetOf: (vehicleId) => byId.get(vehicleId)?.fleet,
  };
}

/** Each vehicle reports at its own offset within the interval, so the stream is smooth rather than bursty. */
function spreadPhases(vehicles: SimVehicle[], intervalMs: number, startMs: number): void {
  vehicles.forEach((vehicle, index) => {
    vehicle.nextDueMs = startMs + Math.floor((index * intervalMs) / vehicles.length);
    vehicle.lastStepMs = vehicle.nextDueMs - intervalMs;
  });
}

function dueReadings(vehicles: SimVehicle[], world: FleetWorld, intervalMs: number, nowMs: number, adjust?: ReadingAdjuster): RawTelemetry[] {
  const conditions = conditionsAt(world.seed, nowMs);
  const readings: RawTelemetry[] = [];
  for (const vehicle of vehicles) {
    if (vehicle.nextDueMs > nowMs) continue;
    const reading = stepVehicle(vehicle, world, conditions, nowMs);
    const sent = adjust ? adjust(reading) : reading;
    if (sent) readings.push(sent);
    // Fell whole intervals behind (a slow start, a stalled event loop): skip the missed fixes rather
    // than send a burst, and keep the vehicle's phase so the stream stays spread over the interval.
    const missed = Math.floor((nowMs - vehicle.nextDueMs) / intervalMs);
    vehicle.nextDueMs += (missed + 1) * intervalMs;
  }
  return readings;
}

function pickVehicle(vehicles: readonly SimVehicle[], rng: Rng, fleet?: Fleet): string | undefined {
  const ofFleet = vehicles.filter((vehicle) => fleet === undefined || vehicle.fleet === fleet);
  const moving = ofFleet.filter((vehicle) => vehicle.motion.speedMs > 0);
  const pool = moving.length > 0 ? moving : ofFleet;
  return pool.length > 0 ? pick(rng, pool).vehicleId : undefined;
}
