import { CAMPUS_ZONES, zoneIndex } from './campus-plan';
import { hashUnit, indexForDraw } from './random';

/** One person's day on campus, in minutes after local midnight. */
export interface DaySchedule {
  arriveMin: number;
  leaveMin: number;
  lunchStartMin: number;
  lunchEndMin: number;
  eatsInCafeteria: boolean;
  drives: boolean;
  /** How long they stay in one place before moving on. */
  stayMin: number;
}

const DAY_MIN = 24 * 60;
// A few badges belong to security and facilities staff, on campus around the clock.
const STAFF_SHARE = 0.03;
const ATTENDANCE = 0.9;
const ZONE = {
  parking: zoneIndex('parking'),
  plaza: zoneIndex('plaza'),
  lobby: zoneIndex('lobby'),
  cafeteria: zoneIndex('cafeteria'),
};
const DAY_WEIGHTS = CAMPUS_ZONES.map((zone) => zone.dayWeight);
const STAFF_WEIGHTS = CAMPUS_ZONES.map(() => 1);

/** The zone (index into CAMPUS_ZONES) badge `badge` is in at local minute-of-day, or -1 when off campus. */
export function zoneAt(seed: number, badge: number, day: number, minute: number): number {
  if (hashUnit(seed, 'staff', badge) < STAFF_SHARE) return roam(seed, badge, day, minute, 15, STAFF_WEIGHTS);
  const schedule = daySchedule(seed, badge, day);
  if (!schedule || minute < schedule.arriveMin || minute >= schedule.leaveMin) return -1;
  const sinceArrival = minute - schedule.arriveMin;
  const beforeLeaving = schedule.leaveMin - minute;
  if (sinceArrival < 4 || beforeLeaving <= 3) return schedule.drives ? ZONE.parking : ZONE.plaza;
  if (sinceArrival < 7 || beforeLeaving <= 6) return ZONE.lobby;
  if (schedule.eatsInCafeteria && minute >= schedule.lunchStartMin && minute < schedule.lunchEndMin) return ZONE.cafeteria;
  return roam(seed, badge, day, minute, schedule.stayMin, DAY_WEIGHTS);
}

export function daySchedule(seed: number, badge: number, day: number): DaySchedule | undefined {
  const h = (label: string): number => hashUnit(seed, label, badge, day);
  if (h('attends') >= ATTENDANCE) return undefined;
  // The mean of two draws bunches arrivals and departures around the middle of their windows.
  const arriveMin = 7.5 * 60 + 150 * ((h('arrive1') + h('arrive2')) / 2);
  const leaveMin = 16 * 60 + 210 * ((h('leave1') + h('leave2')) / 2);
  const lunchStartMin = 11.5 * 60 + 120 * h('lunch');
  return {
    arriveMin,
    leaveMin,
    lunchStartMin,
    lunchEndMin: lunchStartMin + 25 + 25 * h('lunch-length'),
    eatsInCafeteria: h('cafeteria') < 0.75,
    drives: h('drives') < 0.6,
    stayMin: 20 + 70 * hashUnit(seed, 'stay', badge),
  };
}

function roam(seed: number, badge: number, day: number, minute: number, stayMin: number, weights: readonly number[]): number {
  // Each badge changes place on its own beat, so moves are spread over time rather than all at once.
  const offset = hashUnit(seed, 'beat', badge) * stayMin;
  const slot = Math.floor((day * DAY_MIN + minute + offset) / stayMin);
  return indexForDraw(hashUnit(seed, 'zone', badge, slot), weights);
}
