import type { Rng } from './random';
import { chance, pick } from './random';

/** Zone abbreviations a generator's JVM may print, with their UTC offsets in minutes. */
export const JAVA_ZONES = [
  { abbreviation: 'PST', offsetMin: -8 * 60 },
  { abbreviation: 'EST', offsetMin: -5 * 60 },
  { abbreviation: 'GMT', offsetMin: 0 },
  { abbreviation: 'CET', offsetMin: 60 },
] as const;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `java.util.Date#toString()`: "EEE MMM dd HH:mm:ss zzz yyyy", wall time in the given zone, second precision. */
export function javaDateString(epochMs: number, abbreviation = 'UTC', offsetMin = 0): string {
  const local = new Date(epochMs + offsetMin * 60_000);
  const two = (value: number): string => String(value).padStart(2, '0');
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  return `${DAYS[local.getUTCDay()]} ${MONTHS[local.getUTCMonth()]} ${two(local.getUTCDate())} ${time} ${abbreviation} ${local.getUTCFullYear()}`;
}

/**
 * A purchase timestamp as the MSK Data Generator's users see them: mostly Java text in UTC, sometimes
 * another JVM zone, and from other producers ISO-8601 or epoch milliseconds (all as strings).
 */
export function purchaseTimestamp(rng: Rng, epochMs: number): string {
  const draw = rng();
  if (draw < 0.1) return new Date(epochMs).toISOString();
  if (draw < 0.2) return String(epochMs);
  if (chance(rng, 0.85)) return javaDateString(epochMs);
  const zone = pick(rng, JAVA_ZONES);
  return javaDateString(epochMs, zone.abbreviation, zone.offsetMin);
}
