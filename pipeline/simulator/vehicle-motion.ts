import type { City, Road } from './city';
import { roadFrom } from './city';
import type { Point } from './geo';
import { angleBetween } from './geo';
import type { Rng } from './random';
import { between, chance, itemAt } from './random';
import type { Routes } from './routing';

/** Where a vehicle is on the road network and how fast it goes. Mutated in place: thousands step every second. */
export interface Motion {
  road: Road;
  alongM: number;
  speedMs: number;
  /** The junction the vehicle drives to and stops at. */
  destination: number;
  /** The light at the end of this road will be red on arrival, so the driver plans to stop. */
  redAhead: boolean;
  /** Waiting at a red light until then (epoch ms); 0 when not waiting. */
  waitUntilMs: number;
  /** Traffic on this stretch: other cars hold the vehicle below the limit. */
  trafficFactor: number;
  arrived: boolean;
}

export interface DrivingContext {
  city: City;
  routes: Routes;
  rng: Rng;
  nowMs: number;
  dtS: number;
  /** Weather and driver temperament combined. */
  speedFactor: number;
  maxKmh: number;
  accelerationMs2: number;
}

const PLANNED_BRAKING_MS2 = 2.5;
const MAX_BRAKING_MS2 = 6;
const CORNER_MS = 25 / 3.6;
const ROADWORKS_FACTOR = 0.6;

/** A vehicle standing at the end of `road` (at a rank, a depot...), going nowhere yet. */
export function parkedAt(road: Road): Motion {
  return { road, alongM: road.lengthM, speedMs: 0, destination: road.to, redAhead: false, waitUntilMs: 0, trafficFactor: 1, arrived: true };
}

/** Sets off from the junction the vehicle stands at; false when it is already there. */
export function startTrip(motion: Motion, destination: number, ctx: DrivingContext): boolean {
  const here = motion.road.to;
  if (destination === here) return false;
  motion.destination = destination;
  motion.arrived = false;
  motion.waitUntilMs = 0;
  enterRoad(motion, roadFrom(ctx.city, here, ctx.routes.next(here, destination)), ctx);
  return true;
}

/** Advances one step along the route; returns the distance covered in metres. */
export function drive(motion: Motion, ctx: DrivingContext): number {
  if (motion.arrived) return stand(motion);
  if (motion.waitUntilMs > 0) {
    if (ctx.nowMs < motion.waitUntilMs) return stand(motion);
    motion.waitUntilMs = 0;
    enterRoad(motion, nextRoad(motion, ctx), ctx);
  }
  const remainingM = motion.road.lengthM - motion.alongM;
  const stopping = motion.redAhead || motion.road.to === motion.destination;
  // Close enough to brake to a halt within this step: the vehicle stops at the junction.
  if (stopping && (motion.speedMs * ctx.dtS) / 2 >= remainingM) {
    arriveAtJunction(motion, ctx, 0);
    return remainingM;
  }
  const endSpeed = stopping ? 0 : cornerSpeed(motion, ctx);
  const reachable = brakingLimit(motion.speedMs, remainingM, endSpeed, ctx.dtS);
  // Drivers never hold a speed exactly: a few per cent of wobble around the traffic's pace.
  const pace = cruiseSpeed(motion.road, ctx) * motion.trafficFactor * between(ctx.rng, 0.96, 1.03);
  const wanted = Math.min(pace, reachable, motion.speedMs + ctx.accelerationMs2 * ctx.dtS);
  const speedMs = Math.max(wanted, motion.speedMs - MAX_BRAKING_MS2 * ctx.dtS, 0);
  const distanceM = ((motion.speedMs + speedMs) / 2) * ctx.dtS;
  motion.speedMs = speedMs;
  if (distanceM < remainingM) {
    motion.alongM += distanceM;
    return distanceM;
  }
  arriveAtJunction(motion, ctx, distanceM - remainingM);
  return stopping ? remainingM : distanceM;
}

/**
 * The highest speed at the end of this step from which the driver can still brake comfortably to
 * `endSpeed` at the junction, counting the distance covered during the step itself.
 */
function brakingLimit(speedMs: number, remainingM: number, endSpeed: number, dtS: number): number {
  const a = PLANNED_BRAKING_MS2;
  const c = endSpeed * endSpeed + 2 * a * remainingM - a * dtS * speedMs;
  if (c <= 0) return 0;
  return (-a * dtS + Math.sqrt(a * a * dtS * dtS + 4 * c)) / 2;
}

export function positionOf(motion: Motion, city: City): Point {
  const from = itemAt(city.junctions, motion.road.from);
  const to = itemAt(city.junctions, motion.road.to);
  const f = Math.min(1, motion.alongM / motion.road.lengthM);
  return { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
}

function stand(motion: Motion): number {
  motion.speedMs = 0;
  return 0;
}

function arriveAtJunction(motion: Motion, ctx: DrivingContext, leftoverM: number): void {
  if (motion.road.to === motion.destination || motion.redAhead) {
    motion.alongM = motion.road.lengthM;
    motion.speedMs = 0;
    if (motion.road.to === motion.destination) motion.arrived = true;
    else motion.waitUntilMs = ctx.nowMs + between(ctx.rng, 5_000, 35_000);
    return;
  }
  const next = nextRoad(motion, ctx);
  enterRoad(motion, next, ctx);
  motion.alongM = Math.min(Math.max(leftoverM, 0), next.lengthM / 2);
}

function enterRoad(motion: Motion, road: Road, ctx: DrivingContext): void {
  motion.road = road;
  motion.alongM = 0;
  motion.trafficFactor = between(ctx.rng, 0.7, 1);
  const light = itemAt(ctx.city.junctions, road.to).light;
  motion.redAhead = road.to !== motion.destination && light && chance(ctx.rng, 0.4);
}

function nextRoad(motion: Motion, ctx: DrivingContext): Road {
  const here = motion.road.to;
  return roadFrom(ctx.city, here, ctx.routes.next(here, motion.destination));
}

function cruiseSpeed(road: Road, ctx: DrivingContext): number {
  const limitMs = Math.min(road.limitKmh, ctx.maxKmh) / 3.6;
  return limitMs * ctx.speedFactor * (road.roadworks ? ROADWORKS_FACTOR : 1);
}

/** Slow for a turn, and for a slower road ahead. */
function cornerSpeed(motion: Motion, ctx: DrivingContext): number {
  const next = nextRoad(motion, ctx);
  const turning = angleBetween(motion.road.headingDeg, next.headingDeg) > 30;
  return Math.min(cruiseSpeed(next, ctx), turning ? CORNER_MS : Infinity);
}
