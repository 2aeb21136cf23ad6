import type { Cargo, Fleet } from '@/lib/contracts/fleet';

import type { Rng } from './random';
import type { Motion } from './vehicle-motion';

/** Why a vehicle is driving: decides what it does on arrival. */
export type TripKind = 'pickup' | 'fare' | 'rank' | 'refuel' | 'garage' | 'delivery' | 'depot';

/** Why a vehicle stands still: decides where it goes next. */
export type StopKind = 'rank' | 'boarding' | 'dropoff' | 'refuel' | 'break' | 'unload' | 'load' | 'overnight';

export type Activity = { kind: 'driving'; trip: TripKind } | { kind: 'stopped'; stop: StopKind; untilMs: number; ignition: boolean };

/** One simulated vehicle's full state; mutated in place by its steps. */
export interface SimVehicle {
  vehicleId: string;
  fleet: Fleet;
  /** Its own stream: a vehicle's trajectory depends only on the seed and its own step times. */
  rng: Rng;
  motion: Motion;
  activity: Activity;
  /** Garage (cabs) or depot (tankers) junction. */
  home: number;
  /** Stations a tanker still has to deliver to on this run. */
  deliveries: number[];
  driverFactor: number;
  engineTempC: number;
  fuelPct: number;
  cargo?: Cargo;
  containerTempC?: number;
  /** This tank's offset from ambient (insulation, colour, sun). */
  containerOffsetC: number;
  lastStepMs: number;
  nextDueMs: number;
}

export function ignitionOn(vehicle: SimVehicle): boolean {
  return vehicle.activity.kind === 'driving' || vehicle.activity.ignition;
}

export function stopped(stop: StopKind, nowMs: number, durationMs: number, ignition: boolean): Activity {
  return { kind: 'stopped', stop, untilMs: nowMs + durationMs, ignition };
}
