import type { FleetWorld } from './fleet-world';
import type { SimVehicle } from './sim-vehicle';
import { tankerArrival, tankerNextTrip } from './tanker-behaviour';
import { taxiArrival, taxiNextTrip } from './taxi-behaviour';
import type { DrivingContext } from './vehicle-motion';
import { startTrip } from './vehicle-motion';

/** Moves a vehicle on to its next activity when a trip or a stop is over. */
export function updateActivity(vehicle: SimVehicle, world: FleetWorld, ctx: DrivingContext): void {
  const { activity } = vehicle;
  if (activity.kind === 'driving' && vehicle.motion.arrived) arrive(vehicle, ctx.nowMs);
  else if (activity.kind === 'stopped' && ctx.nowMs >= activity.untilMs) depart(vehicle, world, ctx);
}

function arrive(vehicle: SimVehicle, nowMs: number): void {
  if (vehicle.activity.kind !== 'driving') return;
  const { trip } = vehicle.activity;
  vehicle.activity = vehicle.fleet === 'cabs' ? taxiArrival(vehicle, trip, nowMs) : tankerArrival(vehicle, trip, nowMs);
}

function depart(vehicle: SimVehicle, world: FleetWorld, ctx: DrivingContext): void {
  if (vehicle.activity.kind !== 'stopped') return;
  const { stop } = vehicle.activity;
  const next = vehicle.fleet === 'cabs' ? taxiNextTrip(vehicle, stop, world) : tankerNextTrip(vehicle, stop, world);
  vehicle.activity = { kind: 'driving', trip: next.trip };
  // Already there (the nearest rank is this one, two deliveries to one station): the trip ends at once.
  if (!startTrip(vehicle.motion, next.destination, ctx)) arrive(vehicle, ctx.nowMs);
}
