import { hashUnit } from './random';

export type Weather = 'dry' | 'wet' | 'icy';

export interface Conditions {
  weather: Weather;
  ambientC: number;
  /** Drivers slow down on wet and icy roads. */
  speedFactor: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Weather comes in spells long enough to see on a dashboard, short enough to change during a demo.
const SPELL_MS = 40 * 60_000;

/** The city's weather at a moment: a pure function of seed and time, so every vehicle agrees. */
export function conditionsAt(seed: number, tsMs: number): Conditions {
  const spell = Math.floor(tsMs / SPELL_MS);
  const draw = hashUnit(seed, 'weather', spell);
  const weather: Weather = draw < 0.72 ? 'dry' : draw < 0.94 ? 'wet' : 'icy';
  const dailyC = dailyTemperature(seed, tsMs);
  if (weather === 'icy') return { weather, ambientC: Math.min(dailyC, -2 + 2.5 * hashUnit(seed, 'frost', spell)), speedFactor: 0.65 };
  if (weather === 'wet') return { weather, ambientC: dailyC - 2, speedFactor: 0.9 };
  return { weather, ambientC: dailyC, speedFactor: 1 };
}

function dailyTemperature(seed: number, tsMs: number): number {
  const dayPosition = tsMs / DAY_MS;
  const day = Math.floor(dayPosition);
  const fraction = dayPosition - day;
  // Day-to-day variation, interpolated so the temperature never jumps at midnight.
  const offset = (1 - fraction) * hashUnit(seed, 'day', day) + fraction * hashUnit(seed, 'day', day + 1);
  const hourUtc = fraction * 24;
  // Warmest around 14:00 UTC (mid-afternoon in Rotterdam).
  return 12 + 8 * (offset - 0.5) + 5 * Math.sin((2 * Math.PI * (hourUtc - 8)) / 24);
}

/** Step of ambientHistory: fine enough for a tank that follows the weather over an hour. */
export const AMBIENT_HISTORY_STEP_S = 60;
/** Six of a tank's time constants: what it stood at before then no longer shows. */
const AMBIENT_HISTORY_S = 6 * 3_600;

/** The ambient temperature over the last hours before `untilMs`, oldest first, AMBIENT_HISTORY_STEP_S apart; the last is at `untilMs`. */
export function ambientHistory(seed: number, untilMs: number): number[] {
  const steps = AMBIENT_HISTORY_S / AMBIENT_HISTORY_STEP_S;
  return Array.from({ length: steps + 1 }, (_, i) => conditionsAt(seed, untilMs - (steps - i) * AMBIENT_HISTORY_STEP_S * 1_000).ambientC);
}
