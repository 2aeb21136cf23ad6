import { describe, expect, it } from 'vitest';

import { deriveSeed, hexString, mulberry32, poisson, uuidV4 } from './random';

describe('random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('derives unrelated seeds for neighbouring labels', () => {
    expect(deriveSeed(1, 'cab-0001')).toBe(deriveSeed(1, 'cab-0001'));
    expect(deriveSeed(1, 'cab-0001')).not.toBe(deriveSeed(1, 'cab-0002'));
    expect(deriveSeed(1, 'cab-0001')).not.toBe(deriveSeed(2, 'cab-0001'));
  });

  it('formats version-4 UUIDs and hex ids', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 100; i++) expect(uuidV4(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hexString(rng, 16)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('draws Poisson counts with the requested mean, small and large', () => {
    const rng = mulberry32(3);
    for (const mean of [0.2, 5, 1_000]) {
      const draws = Array.from({ length: 2_000 }, () => poisson(rng, mean));
      const average = draws.reduce((sum, x) => sum + x, 0) / draws.length;
      expect(average).toBeGreaterThan(mean * 0.9);
      expect(average).toBeLessThan(mean * 1.1);
    }
  });
});
