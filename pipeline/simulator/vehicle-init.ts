import type { Road } from './city';
import { roadFrom } from './city';
import type { FleetMember } from './fleet-registry';
import type { FleetWorld } from './fleet-world';
import type { Rng } from './random';
import { between, deriveSeed, intBetween, itemAt, mulberry32, pick } from './random';
import type { Activity, SimVehicle, TripKind } from './sim-vehicle';
import { stopped } from './sim-vehicle';
import { planRun } from './tanker-behaviour';
import type { Motion } from './vehicle-motion';
import { parkedAt } from './vehicle-motion';
import { tankTempAfter } from './vehicle-thermal';
import { AMBIENT_HISTORY_STEP_S } from './weather';

const MIN = 60_000;

/** Where a vehicle is when the simulator starts: spread over the day's activities so the map is alive at once. */
interface Start {
  activity: Activity;
  motion: Motion;
}

/** `ambientHistoryC`: the weather's temperature over the hours before `startMs` (weather.ts ambientHistory), the last at `startMs`. */
export function createVehicle(member: FleetMember, world: FleetWorld, ambientHistoryC: readonly number[], startMs: number): SimVehicle {
  const ambientC = ambientHistoryC.at(-1) ?? 15;
  const { vehicle } = member;
  const rng = mulberry32(deriveSeed(world.seed, 'vehicle', vehicle.vehicleId));
  const sim: SimVehicle = {
    vehicleId: vehicle.vehicleId,
    fleet: vehicle.fleet,
    rng,
    motion: parkedAt(roadInto(world, member.home)),
    activity: stopped('break', startMs, 0, false),
    home: member.home,
    deliveries: [],
    driverFactor: between(rng, 0.92, 1.06),
    engineTempC: 0,
    fuelPct: vehicle.fleet === 'cabs' ? between(rng, 12, 100) : between(rng, 45, 100),
    containerOffsetC: vehicle.cargo === 'lpg' ? between(rng, -4, 2) : between(rng, -2, 4),
    lastStepMs: startMs,
    nextDueMs: startMs,
  };
  const start = vehicle.fleet === 'cabs' ? cabStart(sim, world, startMs) : tankerStart(sim, world, startMs);
  Object.assign(sim, start);
  sim.engineTempC = initialEngineTemp(rng, start.activity, ambientC);
  if (vehicle.cargo) {
    sim.cargo = vehicle.cargo;
    // Where the tank stands after following the weather, the same in every run started at that moment.
    sim.containerTempC = tankTempAfter(vehicle.cargo, sim.containerOffsetC, ambientHistoryC, AMBIENT_HISTORY_STEP_S);
  }
  return sim;
}

function cabStart(vehicle: SimVehicle, world: FleetWorld, nowMs: number): Start {
  const { rng } = vehicle;
  const draw = rng();
  if (draw < 0.6) return driving(rng, world, pick(rng, ['fare', 'pickup', 'rank'] as const), randomJunction(rng, world));
  if (draw < 0.85) return standing(world, pick(rng, world.ranks), stopped('rank', nowMs, between(rng, 0, 8 * MIN), true));
  return standing(world, vehicle.home, stopped('break', nowMs, between(rng, 0, 40 * MIN), false));
}

function tankerStart(vehicle: SimVehicle, world: FleetWorld, nowMs: number): Start {
  const { rng } = vehicle;
  const draw = rng();
  if (draw < 0.55) {
    vehicle.deliveries = planRun(vehicle, world);
    const first = vehicle.deliveries.shift();
    return first === undefined ? driving(rng, world, 'depot', vehicle.home) : driving(rng, world, 'delivery', first);
  }
  if (draw < 0.75) return standing(world, pick(rng, world.stations), stopped('unload', nowMs, between(rng, 0, 30 * MIN), true));
  return standing(world, vehicle.home, stopped('load', nowMs, between(rng, 0, 45 * MIN), false));
}

function driving(rng: Rng, world: FleetWorld, trip: TripKind, destination: number): Start {
  const road = pick(rng, world.city.roads);
  const motion: Motion = {
    road,
    alongM: between(rng, 0, road.lengthM * 0.9),
    speedMs: (road.limitKmh / 3.6) * 0.6,
    destination,
    redAhead: false,
    waitUntilMs: 0,
    trafficFactor: 0.9,
    arrived: false,
  };
  return { activity: { kind: 'driving', trip }, motion };
}

function standing(world: FleetWorld, junction: number, activity: Activity): Start {
  return { activity, motion: parkedAt(roadInto(world, junction)) };
}

/** A road that ends at `junction`, so a vehicle can stand at its end. */
function roadInto(world: FleetWorld, junction: number): Road {
  const out = itemAt(itemAt(world.city.outgoing, junction), 0);
  return roadFrom(world.city, out.to, junction);
}

function randomJunction(rng: Rng, world: FleetWorld): number {
  return intBetween(rng, 0, world.city.junctions.length - 1);
}

function initialEngineTemp(rng: Rng, activity: Activity, ambientC: number): number {
  if (activity.kind === 'driving') return between(rng, 84, 92);
  return activity.ignition ? between(rng, 80, 90) : between(rng, ambientC, Math.max(ambientC, 45));
}
