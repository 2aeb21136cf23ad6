/** A seeded source of numbers in [0, 1): the only randomness the simulator uses, so a seed replays a run. */
export type Rng = () => number;

/** mulberry32: one 32-bit word of state, fast enough to give every vehicle its own stream. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seed for one purpose ("fleet", vehicle 17...): each model draws from its own stream, so adding
 * draws to one never shifts what another produces for the same seed.
 */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const char of parts.join('/')) {
    h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  // Final avalanche so neighbouring labels ("cab-1", "cab-2") give unrelated seeds.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A stateless draw in [0, 1): the same parts always give the same number (schedules computed on demand). */
export function hashUnit(seed: number, ...parts: readonly (string | number)[]): number {
  return deriveSeed(seed, ...parts) / 4_294_967_296;
}

export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

/** An integer in [min, max], both ends included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return itemAt(items, Math.floor(rng() * items.length));
}

/** An index drawn in proportion to its weight. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  return indexForDraw(rng(), weights);
}

/** The index a draw in [0, 1) falls on when the weights share the unit interval in proportion. */
export function indexForDraw(unit: number, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let draw = unit * total;
  for (let i = 0; i < weights.length; i++) {
    draw -= itemAt(weights, i);
    if (draw < 0) return i;
  }
  return weights.length - 1;
}

/** Standard normal (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** How many events of a Poisson process with mean `mean` fall in one interval. */
export function poisson(rng: Rng, mean: number): number {
  // Knuth's method underflows for large means; the normal approximation is exact enough there.
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = rng(); product > limit; product *= rng()) count++;
  return count;
}

/** A version-4 UUID whose random bits come from `rng`, so keys repeat for a seed. */
export function uuidV4(rng: Rng): string {
  const hex = hexString(rng, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'.charAt(Math.floor(rng() * 4));
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function hexString(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(rng() * 65_536)
      .toString(16)
      .padStart(4, '0');
  return out.slice(0, length);
}

/** `items[index]`, for indexes the caller knows are in range (noUncheckedIndexedAccess). */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} outside a list of ${items.length}`);
  return item;
}
