import type { ParseResult } from './parse';

/**
 * Event times as real producers write them, to epoch ms: Java `Date.toString()` text (what the
 * MSK Data Generator's Faker dates print), ISO-8601 with a zone, and epoch milliseconds as a
 * number or a numeric string. Anything else is a reason, never a guess.
 */

/**
 * Zone abbreviations a JVM prints, with their UTC offsets in minutes. Java prints the abbreviation
 * of the zone in effect at that instant, so daylight-saving names carry their own offset.
 * Ambiguous ones (IST, BST in some JDKs...) are deliberately absent: a wrong guess would move
 * revenue into the wrong minute without anyone noticing.
 */
export const ZONE_OFFSETS_MIN: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  HST: -10 * 60,
  AKST: -9 * 60,
  AKDT: -8 * 60,
  PST: -8 * 60,
  PDT: -7 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  EST: -5 * 60,
  EDT: -4 * 60,
  JST: 9 * 60,
  KST: 9 * 60,
  SGT: 8 * 60,
  HKT: 8 * 60,
  AEST: 10 * 60,
  AEDT: 11 * 60,
  NZST: 12 * 60,
  NZDT: 13 * 60,
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "EEE MMM dd HH:mm:ss zzz yyyy"; zzz is an abbreviation or a custom zone such as GMT+05:30.
const JAVA_DATE = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{1,5}(?:[+-]\d{2}:\d{2})?) (\d{4})$/;
// A full date-time with seconds and an explicit zone; a local time without zone is ambiguous.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_MS = /^\d{1,16}$/;
/** Below this an epoch value is almost surely seconds (1973 in ms), which would land in 1970. */
const MIN_EPOCH_MS = 100_000_000_000;

export function parseEventTime(value: string | number): ParseResult<number> {
  if (typeof value === 'number') return epochMs(value);
  const text = value.trim();
  if (EPOCH_MS.test(text)) return epochMs(Number(text));
  if (ISO_DATE_TIME.test(text)) return isoDateTime(text);
  const java = JAVA_DATE.exec(text);
  if (java) return javaDate(java);
  return { ok: false, reason: `timestamp: "${text.slice(0, 60)}" is not Java Date text, ISO-8601 with a zone, or epoch ms` };
}

function epochMs(value: number): ParseResult<number> {
  if (!Number.isSafeInteger(value) || value < MIN_EPOCH_MS) {
    return { ok: false, reason: `timestamp: ${value} is not epoch milliseconds (seconds, fractional or out of range)` };
  }
  return { ok: true, value };
}

function isoDateTime(text: string): ParseResult<number> {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? { ok: false, reason: `timestamp: "${text}" is not a valid ISO-8601 date-time` } : { ok: true, value: ms };
}

function javaDate(match: RegExpExecArray): ParseResult<number> {
  const [text, dayName, monthName, day, hours, minutes, seconds, zone, year] = match as unknown as string[];
  const month = MONTHS.indexOf(monthName ?? '');
  const offset = zoneOffsetMin(zone ?? '');
  if (month < 0) return { ok: false, reason: `timestamp: unknown month "${monthName}" in "${text}"` };
  if (offset === undefined) return { ok: false, reason: `timestamp: unknown or ambiguous zone "${zone}" in "${text}"` };
  const fields = [Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)] as const;
  const localMs = Date.UTC(...fields);
  const local = new Date(localMs);
  // Date.UTC rolls "Feb 31" over into March: a field out of range is a malformed text, not a date.
  const consistent =
    local.getUTCMonth() === month &&
    local.getUTCDate() === fields[2] &&
    local.getUTCHours() === fields[3] &&
    local.getUTCMinutes() === fields[4] &&
    local.getUTCSeconds() === fields[5];
  if (!consistent) return { ok: false, reason: `timestamp: "${text}" has a field out of range` };
  if (DAYS[local.getUTCDay()] !== dayName) return { ok: false, reason: `timestamp: "${text}" names the wrong weekday` };
  return { ok: true, value: localMs - offset * 60_000 };
}

function zoneOffsetMin(zone: string): number | undefined {
  const custom = /^(GMT|UTC)([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (custom) return (custom[2] === '-' ? -1 : 1) * (Number(custom[3]) * 60 + Number(custom[4]));
  return ZONE_OFFSETS_MIN[zone];
}
