import { describe, expect, it } from 'vitest';

import { allocateGuards, bySplitOrder, splitGuards } from './allocate-guards';

const guardsOf = (allocation: { zoneId: string; guards: number }[]) => Object.fromEntries(allocation.map((a) => [a.zoneId, a.guards]));
const sum = (allocation: { guards: number }[]) => allocation.reduce((total, a) => total + a.guards, 0);

describe('allocateGuards', () => {
  it('always hands out exactly the total, in whole guards', () => {
    const demands = [
      { zoneId: 'a', weight: 333 },
      { zoneId: 'b', weight: 333 },
      { zoneId: 'c', weight: 334 },
      { zoneId: 'd', weight: 7 },
    ];
    for (const total of [0, 1, 2, 3, 5, 7, 10, 99, 1000]) {
      const allocation = allocateGuards(total, demands);
      expect(sum(allocation)).toBe(total);
      expect(allocation.every((a) => Number.isInteger(a.guards) && a.guards >= 0)).toBe(true);
    }
  });

  it('is proportional to crowding: each zone gets the floor or ceiling of its exact share', () => {
    const demands = [
      { zoneId: 'hall', weight: 600 },
      { zoneId: 'cafe', weight: 300 },
      { zoneId: 'lab', weight: 100 },
    ];
    expect(guardsOf(allocateGuards(10, demands))).toEqual({ hall: 6, cafe: 3, lab: 1 });
    const allocation = allocateGuards(7, demands);
    for (const [index, demand] of demands.entries()) {
      const exact = (7 * demand.weight) / 1000;
      expect(allocation[index]?.guards).toBeGreaterThanOrEqual(Math.floor(exact));
      expect(allocation[index]?.guards).toBeLessThanOrEqual(Math.ceil(exact));
    }
    expect(guardsOf(allocation)).toEqual({ hall: 4, cafe: 2, lab: 1 });
  });

  it('breaks ties deterministically: largest remainder, then heavier zone, then zone id, whatever the input order', () => {
    const demands = [
      { zoneId: 'b', weight: 10 },
      { zoneId: 'a', weight: 10 },
      { zoneId: 'c', weight: 10 },
    ];
    expect(guardsOf(allocateGuards(2, demands))).toEqual({ a: 1, b: 1, c: 0 });
    expect(guardsOf(allocateGuards(2, [...demands].reverse()))).toEqual({ a: 1, b: 1, c: 0 });
    expect(
      guardsOf(
        allocateGuards(1, [
          { zoneId: 'z', weight: 30 },
          { zoneId: 'y', weight: 10 },
          { zoneId: 'x', weight: 10 },
        ]),
      ),
    ).toEqual({ z: 1, y: 0, x: 0 });
  });

  it('sees a tie where the exact shares leave the same fraction, even when floating point would not', () => {
    // Exact shares ⅓, 1⅓, ⅓: three remainders of ⅓, so the last guard goes to the heaviest zone.
    // In floating point 2 × 4 / 6 leaves 0.33333333333333326, and `a` would win it by a rounding error.
    const demands = [
      { zoneId: 'a', weight: 1 },
      { zoneId: 'b', weight: 4 },
      { zoneId: 'c', weight: 1 },
    ];
    expect(guardsOf(allocateGuards(2, demands))).toEqual({ a: 0, b: 2, c: 0 });
  });

  it('spreads evenly when nobody is anywhere, and sends nobody to an empty zone otherwise', () => {
    expect(
      guardsOf(
        allocateGuards(4, [
          { zoneId: 'a', weight: 0 },
          { zoneId: 'b', weight: 0 },
        ]),
      ),
    ).toEqual({ a: 2, b: 2 });
    expect(
      guardsOf(
        allocateGuards(4, [
          { zoneId: 'a', weight: 0 },
          { zoneId: 'b', weight: 5 },
        ]),
      ),
    ).toEqual({ a: 0, b: 4 });
  });

  it('refuses a total that is not a whole number of guards', () => {
    expect(() => allocateGuards(-1, [])).toThrow(RangeError);
    expect(() => allocateGuards(2.5, [])).toThrow(RangeError);
    expect(allocateGuards(3, [])).toEqual([]);
  });
});

describe('splitGuards', () => {
  it('shows its reasoning: people → share → whole guards → one more for the largest remainders', () => {
    const split = splitGuards(7, [
      { zoneId: 'hall', weight: 600 },
      { zoneId: 'cafe', weight: 300 },
      { zoneId: 'lab', weight: 100 },
    ]);
    // 7 × 0.6 = 4.2, 7 × 0.3 = 2.1, 7 × 0.1 = 0.7: 6 whole guards, the 7th to the largest remainder (lab's .7).
    expect(split.map(({ zoneId, people, whole, fromRemainder, guards }) => ({ zoneId, people, whole, fromRemainder, guards }))).toEqual([
      { zoneId: 'hall', people: 600, whole: 4, fromRemainder: false, guards: 4 },
      { zoneId: 'cafe', people: 300, whole: 2, fromRemainder: false, guards: 2 },
      { zoneId: 'lab', people: 100, whole: 0, fromRemainder: true, guards: 1 },
    ]);
    expect(split.map((row) => row.share)).toEqual([0.6, 0.3, 0.1]);
    expect(split[0]?.exact).toBeCloseTo(4.2);
    expect(guardsOf(split)).toEqual(
      guardsOf(
        allocateGuards(7, [
          { zoneId: 'hall', weight: 600 },
          { zoneId: 'cafe', weight: 300 },
          { zoneId: 'lab', weight: 100 },
        ]),
      ),
    );
  });

  it('orders the split by guards, then people, then zone id', () => {
    const split = splitGuards(3, [
      { zoneId: 'b', weight: 10 },
      { zoneId: 'a', weight: 10 },
      { zoneId: 'c', weight: 40 },
      { zoneId: 'd', weight: 0 },
    ]);
    expect([...split].sort(bySplitOrder).map((row) => `${row.zoneId}:${row.guards}`)).toEqual(['c:2', 'a:1', 'b:0', 'd:0']);
  });

  it('splits evenly, and says so through equal shares, when nobody is anywhere', () => {
    const split = splitGuards(2, [
      { zoneId: 'a', weight: 0 },
      { zoneId: 'b', weight: 0 },
      { zoneId: 'c', weight: 0 },
    ]);
    expect(split.map((row) => row.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(sum(split)).toBe(2);
  });
});
