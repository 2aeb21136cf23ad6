import type { RawTelemetry } from '@/lib/contracts/fleet';

import type { FleetWorld } from './fleet-world';
import { toLatLon } from './geo';
import { gaussian } from './random';
import type { SimVehicle } from './sim-vehicle';
import { ignitionOn } from './sim-vehicle';
import { updateActivity } from './vehicle-behaviour';
import type { DrivingContext } from './vehicle-motion';
import { drive, positionOf } from './vehicle-motion';
import { fuelUsedPct, nextContainerTempC, nextEngineTempC } from './vehicle-thermal';
import type { Conditions } from './weather';

// A fix that arrives late (a slow tick, a paused process) is stepped at most this far: no teleporting.
const MAX_STEP_S = 10;

/** Advances one vehicle to `nowMs` and returns the fix its IoT unit sends. */
export function stepVehicle(vehicle: SimVehicle, world: FleetWorld, conditions: Conditions, nowMs: number): RawTelemetry {
  const dtS = Math.min(MAX_STEP_S, Math.max(0.001, (nowMs - vehicle.lastStepMs) / 1_000));
  vehicle.lastStepMs = nowMs;
  const ctx = drivingContext(vehicle, world, conditions, nowMs, dtS);
  updateActivity(vehicle, world, ctx);
  const speedBeforeMs = vehicle.motion.speedMs;
  const distanceM = drive(vehicle.motion, ctx);
  const ignition = ignitionOn(vehicle);
  const thermal = {
    dtS,
    ignition,
    speedKmh: vehicle.motion.speedMs * 3.6,
    accelerationMs2: (vehicle.motion.speedMs - speedBeforeMs) / dtS,
    ambientC: conditions.ambientC,
    noise: gaussian(vehicle.rng),
  };
  vehicle.engineTempC = nextEngineTempC(vehicle.engineTempC, thermal);
  if (vehicle.cargo && vehicle.containerTempC !== undefined) {
    vehicle.containerTempC = nextContainerTempC(vehicle.containerTempC, vehicle.cargo, vehicle.containerOffsetC, thermal);
  }
  vehicle.fuelPct = Math.max(0, vehicle.fuelPct - fuelUsedPct(vehicle.fleet, distanceM, dtS, ignition));
  return toReading(vehicle, world, conditions, nowMs, ignition);
}

function drivingContext(vehicle: SimVehicle, world: FleetWorld, conditions: Conditions, nowMs: number, dtS: number): DrivingContext {
  const tanker = vehicle.fleet === 'tankers';
  return {
    city: world.city,
    routes: world.routes,
    rng: vehicle.rng,
    nowMs,
    dtS,
    speedFactor: conditions.speedFactor * vehicle.driverFactor,
    // Dutch law caps lorries at 80 km/h; a loaded tanker also pulls away slowly.
    maxKmh: tanker ? 80 : 130,
    accelerationMs2: tanker ? 0.8 : 2,
  };
}

function toReading(vehicle: SimVehicle, world: FleetWorld, conditions: Conditions, nowMs: number, ignition: boolean): RawTelemetry {
  const { lat, lon } = toLatLon(positionOf(vehicle.motion, world.city));
  const reading: RawTelemetry = {
    vehicleId: vehicle.vehicleId,
    fleet: vehicle.fleet,
    ts: nowMs,
    lat: round(lat, 6),
    lon: round(lon, 6),
    speedKmh: round(vehicle.motion.speedMs * 3.6, 1),
    headingDeg: round(vehicle.motion.road.headingDeg, 1) % 360,
    engineTempC: round(vehicle.engineTempC, 1),
    fuelPct: round(vehicle.fuelPct, 2),
    ignition,
    roadCondition: vehicle.motion.road.roadworks ? 'roadworks' : conditions.weather,
  };
  if (vehicle.containerTempC !== undefined) reading.containerTempC = round(vehicle.containerTempC, 2);
  return reading;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
