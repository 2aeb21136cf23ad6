import { describe, expect, it } from 'vitest';

import { formatCountdown, occupancyLevel } from './occupancy-level';

describe('occupancyLevel', () => {
  it('bands occupancy against capacity', () => {
    expect([0, 10, 60, 95, 100, 140].map(occupancyLevel)).toEqual(['none', 'low', 'moderate', 'high', 'over', 'over']);
  });
});

describe('formatCountdown', () => {
  it('shows mm:ss and never a negative time', () => {
    expect(formatCountdown(299_001)).toBe('05:00');
    expect(formatCountdown(61_000)).toBe('01:01');
    expect(formatCountdown(-5)).toBe('00:00');
  });
});
