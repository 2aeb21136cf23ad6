import type { BadgeSighting, Zone } from '@/lib/contracts/campus';

import { zoneAt } from './badge-schedule';
import { CAMPUS_ZONES, zoneRecord } from './campus-plan';
import { deriveSeed, hexString, itemAt, mulberry32, pick, poisson } from './random';

export interface CampusOptions {
  seed: number;
  sightingsPerS: number;
  /** The campus's offset from UTC: the daily rhythm follows its local clock. */
  utcOffsetMin: number;
  badges?: number;
}

/** A fault scenario's say over where a badge is (a crowd gathering); undefined leaves it to its schedule. */
export type ZoneOverride = (badge: number) => number | undefined;

export interface CampusModel {
  readonly zones: readonly Zone[];
  readonly badgeIds: readonly string[];
  /** Zone index per badge at simulated time `simMs` (-1: off campus). */
  whereabouts(simMs: number, override?: ZoneOverride): Int16Array;
  /** Sightings written during `wallDtS` of wall time, event times spread over the last `simDtMs` of simulated time. */
  tick(simNowMs: number, simDtMs: number, wallDtS: number, override?: ZoneOverride): BadgeSighting[];
}

const DEFAULT_BADGES = 1_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// People move on a scale of minutes: recomputing everyone's place every few simulated seconds is plenty.
const REFRESH_SIM_MS = 5_000;

export function createCampusModel(options: CampusOptions): CampusModel {
  const badgeCount = options.badges ?? DEFAULT_BADGES;
  const badgeIds = Array.from({ length: badgeCount }, (_, i) => hexString(mulberry32(deriveSeed(options.seed, 'badge', i)), 16));
  const rng = mulberry32(deriveSeed(options.seed, 'campus'));
  const whereabouts = (simMs: number, override?: ZoneOverride): Int16Array => {
    const local = simMs + options.utcOffsetMin * MINUTE_MS;
    const day = Math.floor(local / DAY_MS);
    const minute = (local - day * DAY_MS) / MINUTE_MS;
    const zones = new Int16Array(badgeCount);
    for (let badge = 0; badge < badgeCount; badge++) zones[badge] = override?.(badge) ?? zoneAt(options.seed, badge, day, minute);
    return zones;
  };
  let cached: { slot: number; present: number[]; zones: Int16Array } | undefined;
  const present = (simMs: number, override?: ZoneOverride) => {
    const slot = Math.floor(simMs / REFRESH_SIM_MS);
    if (override || cached?.slot !== slot) {
      const zones = whereabouts(simMs, override);
      cached = { slot: override ? -1 : slot, present: presentBadges(zones), zones };
    }
    return cached;
  };
  return {
    zones: CAMPUS_ZONES.map(zoneRecord),
    badgeIds,
    whereabouts,
    tick(simNowMs, simDtMs, wallDtS, override) {
      const { present: onCampus, zones } = present(simNowMs, override);
      const count = onCampus.length === 0 ? 0 : poisson(rng, options.sightingsPerS * wallDtS);
      const sightings: BadgeSighting[] = [];
      for (let i = 0; i < count; i++) {
        const badge = pick(rng, onCampus);
        const zone = itemAt(CAMPUS_ZONES, zones[badge] ?? 0);
        const ts = simNowMs - Math.floor(rng() * simDtMs);
        sightings.push({ sensorId: pick(rng, zone.sensors), badgeId: itemAt(badgeIds, badge), ts });
      }
      return sightings;
    },
  };
}

function presentBadges(zones: Int16Array): number[] {
  const present: number[] = [];
  zones.forEach((zone, badge) => {
    if (zone >= 0) present.push(badge);
  });
  return present;
}
