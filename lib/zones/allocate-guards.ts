export interface GuardDemand {
  zoneId: string;
  /** How crowded the zone is: the people there now. */
  weight: number;
}

export interface GuardAllocation {
  zoneId: string;
  guards: number;
}

/**
 * Splits `total` guards over zones in proportion to their weight, in whole guards that add up
 * to the total (largest remainder method): everyone gets the floor of their exact share, and
 * the guards left over go to the largest remainders. Ties go to the heavier zone, then the
 * zone id, so the same picture always gives the same answer. With no one anywhere the guards
 * are spread evenly. Returns the zones in the order given.
 */
export function allocateGuards(total: number, demands: readonly GuardDemand[]): GuardAllocation[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`guards must be a whole number of at least 0, got ${total}`);
  if (demands.length === 0) return [];
  const weights = demands.map((demand) => (Number.isFinite(demand.weight) && demand.weight > 0 ? demand.weight : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = sum === 0 ? weights.map(() => total / demands.length) : weights.map((weight) => (total * weight) / sum);
  const guards = shares.map(Math.floor);
  let left = total - guards.reduce((a, b) => a + b, 0);
  const order = demands
    .map((demand, index) => ({ index, remainder: (shares[index] ?? 0) - (guards[index] ?? 0), weight: weights[index] ?? 0, zoneId: demand.zoneId }))
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.zoneId.localeCompare(b.zoneId));
  for (const { index } of order) {
    if (left === 0) break;
    guards[index] = (guards[index] ?? 0) + 1;
    left -= 1;
  }
  return demands.map((demand, index) => ({ zoneId: demand.zoneId, guards: guards[index] ?? 0 }));
}
