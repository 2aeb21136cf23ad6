import type { FleetWorld } from './fleet-world';
import { between, chance, intBetween } from './random';
import type { Activity, SimVehicle, StopKind, TripKind } from './sim-vehicle';
import { stopped } from './sim-vehicle';

const S = 1_000;
const MIN = 60_000;
const LOW_FUEL_PCT = 15;

/** What a taxi does when it reaches the end of a trip. */
export function taxiArrival(vehicle: SimVehicle, trip: TripKind, nowMs: number): Activity {
  const { rng } = vehicle;
  switch (trip) {
    case 'pickup':
      return stopped('boarding', nowMs, between(rng, 20 * S, 60 * S), true);
    case 'fare':
      return stopped('dropoff', nowMs, between(rng, 15 * S, 45 * S), true);
    case 'refuel':
      vehicle.fuelPct = between(rng, 95, 100);
      return stopped('refuel', nowMs, between(rng, 3 * MIN, 6 * MIN), false);
    case 'garage':
      return stopped('break', nowMs, between(rng, 15 * MIN, 45 * MIN), false);
    default:
      // At a rank some drivers keep the engine running, others switch off and wait longer.
      return chance(rng, 0.25) ? stopped('rank', nowMs, between(rng, 5 * MIN, 20 * MIN), false) : stopped('rank', nowMs, between(rng, 1 * MIN, 8 * MIN), true);
  }
}

/** Where a taxi heads once a stop is over. */
export function taxiNextTrip(vehicle: SimVehicle, stop: StopKind, world: FleetWorld): { trip: TripKind; destination: number } {
  const here = vehicle.motion.road.to;
  const { rng } = vehicle;
  if (vehicle.fuelPct < LOW_FUEL_PCT && stop !== 'refuel') return { trip: 'refuel', destination: world.routes.nearest(here, world.stations) };
  if (stop === 'boarding') return { trip: 'fare', destination: randomJunction(vehicle, world) };
  if (stop === 'rank') return chance(rng, 0.6) ? { trip: 'fare', destination: randomJunction(vehicle, world) } : pickup(vehicle, world);
  if (stop === 'dropoff') {
    const draw = rng();
    if (draw < 0.4) return { trip: 'rank', destination: world.routes.nearest(here, world.ranks) };
    if (draw < 0.5) return { trip: 'garage', destination: vehicle.home };
    return pickup(vehicle, world);
  }
  return { trip: 'rank', destination: world.routes.nearest(here, world.ranks) };
}

export function pickup(vehicle: SimVehicle, world: FleetWorld): { trip: TripKind; destination: number } {
  return { trip: 'pickup', destination: randomJunction(vehicle, world) };
}

function randomJunction(vehicle: SimVehicle, world: FleetWorld): number {
  return intBetween(vehicle.rng, 0, world.city.junctions.length - 1);
}
