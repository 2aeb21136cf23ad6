import type { Cargo, Fleet } from '@/lib/contracts/fleet';

/** What the engine and the tank experience during one step. */
export interface ThermalInput {
  dtS: number;
  ignition: boolean;
  speedKmh: number;
  accelerationMs2: number;
  ambientC: number;
  /** A standard-normal draw, so the caller's seeded stream supplies the sensor noise. */
  noise: number;
}

/**
 * Coolant temperature: warms from ambient to the thermostat band (85–95 °C) in a few minutes,
 * sits higher under load, and cools back towards ambient over tens of minutes with the engine off.
 */
export function nextEngineTempC(tempC: number, input: ThermalInput): number {
  if (!input.ignition) return approach(tempC, input.ambientC, 1_200, input.dtS);
  const load = Math.min(1, input.speedKmh / 100 + Math.max(0, input.accelerationMs2) / 3);
  const targetC = 86 + 7 * load + (input.ambientC - 15) * 0.08;
  // Below the thermostat's opening the engine warms quickly; above it the radiator holds it steady.
  const tauS = tempC < 80 ? 90 : 25;
  return approach(tempC, targetC, tauS, input.dtS) + 0.15 * input.noise;
}

/** The normal band of a cargo's tank temperature: liquids follow ambient, pressurised LPG runs cooler. */
export function cargoBand(cargo: Cargo): { min: number; max: number } {
  return cargo === 'lpg' ? { min: 5, max: 20 } : { min: 10, max: 25 };
}

/** How slowly a tank follows the weather: its time constant. */
const TANK_TAU_S = 3_600;

/** Where a tank's temperature heads: ambient plus the tank's own offset, inside the cargo's band. */
function tankTargetC(cargo: Cargo, offsetC: number, ambientC: number): number {
  const band = cargoBand(cargo);
  return Math.min(band.max, Math.max(band.min, ambientC + offsetC));
}

/** Tank temperature drifts slowly (hours) towards ambient plus this tank's own offset, inside the cargo's band. */
export function nextContainerTempC(tempC: number, cargo: Cargo, offsetC: number, input: ThermalInput): number {
  return approach(tempC, tankTargetC(cargo, offsetC, input.ambientC), TANK_TAU_S, input.dtS) + 0.02 * input.noise;
}

/**
 * Where a tank that followed the weather through `ambientC` (oldest first, `stepS` apart, the last
 * now) stands now, sensor noise aside. A simulator that starts (or restarts) puts each tank there, as
 * a real tank would be: put at its target instead, every tank jumped to the current weather's
 * temperature, and after a stop across a change of weather the anomaly detector rightly flagged
 * every tanker at once (40 of 40 after a 10-minute stop from an icy spell into a dry one).
 */
export function tankTempAfter(cargo: Cargo, offsetC: number, ambientC: readonly number[], stepS: number): number {
  let tempC = tankTargetC(cargo, offsetC, ambientC[0] ?? 15);
  for (let i = 1; i < ambientC.length; i += 1) tempC = approach(tempC, tankTargetC(cargo, offsetC, ambientC[i] ?? 15), TANK_TAU_S, stepS);
  return tempC;
}

// Consumption and tank size as fractions of the tank per metre and per idle second.
const FUEL = {
  cabs: { perKm: 7 / 100 / 55, idlePerH: 0.8 / 55 },
  tankers: { perKm: 35 / 100 / 400, idlePerH: 2.5 / 400 },
} as const;

/** Percentage points of the tank used for `distanceM` driven with the engine running for `dtS`. */
export function fuelUsedPct(fleet: Fleet, distanceM: number, dtS: number, ignition: boolean): number {
  if (!ignition) return 0;
  const rates = FUEL[fleet];
  return 100 * ((distanceM / 1_000) * rates.perKm + (dtS / 3_600) * rates.idlePerH);
}

function approach(value: number, target: number, tauS: number, dtS: number): number {
  return target + (value - target) * Math.exp(-dtS / tauS);
}
