export interface GuardDemand {
  zoneId: string;
  /** How crowded the zone is: the people there now. */
  weight: number;
}

export interface GuardAllocation {
  zoneId: string;
  guards: number;
}

/** One zone's guards with the steps that gave them: people → share → whole guards → one more from the remainder. */
export interface GuardSplit extends GuardAllocation {
  people: number;
  /** The zone's share of everyone (0–1); every zone the same when nobody is anywhere. */
  share: number;
  /** share × total: the exact, usually fractional, number of guards. */
  exact: number;
  /** The whole part of `exact`. */
  whole: number;
  /** One guard left over after the whole parts went to this zone, for its large remainder. */
  fromRemainder: boolean;
}

/**
 * Splits `total` guards over zones in proportion to their weight, in whole guards that add up
 * to the total (largest remainder method): everyone gets the floor of their exact share, and
 * the guards left over go to the largest remainders. Ties go to the heavier zone, then the
 * zone id, so the same picture always gives the same answer. With no one anywhere the guards
 * are spread evenly. Returns the zones in the order given.
 */
export function allocateGuards(total: number, demands: readonly GuardDemand[]): GuardAllocation[] {
  return splitGuards(total, demands).map(({ zoneId, guards }) => ({ zoneId, guards }));
}

/** `allocateGuards` with its reasoning per zone (see GuardSplit), in the order given. */
export function splitGuards(total: number, demands: readonly GuardDemand[]): GuardSplit[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`guards must be a whole number of at least 0, got ${total}`);
  if (demands.length === 0) return [];
  const weights = demands.map((demand) => (Number.isFinite(demand.weight) && demand.weight > 0 ? demand.weight : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  // Nobody anywhere: every zone weighs the same.
  const fair = sum === 0 ? weights.map(() => 1) : weights;
  const fairSum = fair.reduce((a, b) => a + b, 0);
  const shares = exactShares(total, fair);
  let left = total - shares.reduce((a, share) => a + share.whole, 0);
  const order = demands
    .map((demand, index) => ({ index, remainder: shares[index]?.remainder ?? 0, weight: weights[index] ?? 0, zoneId: demand.zoneId }))
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.zoneId.localeCompare(b.zoneId));
  const extra = new Set<number>();
  for (const { index } of order) {
    if (left === 0) break;
    extra.add(index);
    left -= 1;
  }
  return demands.map((demand, index) => {
    const whole = shares[index]?.whole ?? 0;
    const share = (fair[index] ?? 0) / fairSum;
    return {
      zoneId: demand.zoneId,
      people: weights[index] ?? 0,
      share,
      exact: share * total,
      whole,
      fromRemainder: extra.has(index),
      guards: whole + (extra.has(index) ? 1 : 0),
    };
  });
}

/** Most guards first, then most people, then zone id: the order a person reads the split in. */
export function bySplitOrder(a: GuardSplit, b: GuardSplit): number {
  return b.guards - a.guards || b.people - a.people || a.zoneId.localeCompare(b.zoneId);
}

/**
 * Each weight's share of `total`: whole guards and what is left over. With whole-number weights
 * (people counts) the remainder is the exact integer `total × weight mod sum`, so two zones whose
 * exact shares leave the same fraction really tie: 2 × 1/6 and 2 × 4/6 both leave ⅓, where
 * floating point would make one of them a hair smaller and the tie rule would never be reached.
 */
function exactShares(total: number, weights: readonly number[]): { whole: number; remainder: number }[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.every(Number.isInteger) && Number.isSafeInteger(total * sum)) {
    return weights.map((weight) => {
      const remainder = (total * weight) % sum;
      return { whole: (total * weight - remainder) / sum, remainder };
    });
  }
  return weights.map((weight) => {
    const exact = (total * weight) / sum;
    return { whole: Math.floor(exact), remainder: (exact - Math.floor(exact)) * sum };
  });
}
