import type { City } from './city';

/** Fastest routes between every pair of junctions, by travel time at the speed limit. */
export interface Routes {
  /** The junction after `from` on the fastest way to `to` (`to` itself when adjacent). */
  next(from: number, to: number): number;
  travelTimeS(from: number, to: number): number;
  /** The candidate reached soonest from `from`. */
  nearest(from: number, candidates: readonly number[]): number;
}

/**
 * Floyd–Warshall once at start (a few hundred junctions, tens of milliseconds): afterwards every
 * routing decision of thousands of vehicles is a table lookup.
 */
export function buildRoutes(city: City): Routes {
  const n = city.junctions.length;
  const time = new Float64Array(n * n).fill(Infinity);
  const hop = new Int32Array(n * n).fill(-1);
  for (let i = 0; i < n; i++) {
    time[i * n + i] = 0;
    hop[i * n + i] = i;
  }
  for (const road of city.roads) {
    time[road.from * n + road.to] = road.lengthM / (road.limitKmh / 3.6);
    hop[road.from * n + road.to] = road.to;
  }
  relaxAllPairs(n, time, hop);
  return {
    next: (from, to) => lookup(hop, from * n + to),
    travelTimeS: (from, to) => lookup(time, from * n + to),
    nearest: (from, candidates) => nearestOf(from, candidates, (to) => lookup(time, from * n + to)),
  };
}

function relaxAllPairs(n: number, time: Float64Array, hop: Int32Array): void {
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const ik = lookup(time, i * n + k);
      if (ik === Infinity) continue;
      for (let j = 0; j < n; j++) {
        const through = ik + lookup(time, k * n + j);
        if (through < lookup(time, i * n + j)) {
          time[i * n + j] = through;
          hop[i * n + j] = lookup(hop, i * n + k);
        }
      }
    }
  }
}

function nearestOf(from: number, candidates: readonly number[], cost: (to: number) => number): number {
  let best = from;
  let bestCost = Infinity;
  for (const candidate of candidates) {
    const candidateCost = cost(candidate);
    if (candidateCost < bestCost) {
      best = candidate;
      bestCost = candidateCost;
    }
  }
  return best;
}

function lookup(table: Float64Array | Int32Array, index: number): number {
  const value = table[index];
  if (value === undefined) throw new RangeError(`routing index ${index} out of range`);
  return value;
}
