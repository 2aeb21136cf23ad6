import { describe, expect, it } from 'vitest';

import { formatCountdown, occupancyLevel } from './occupancy-level';

describe('occupancyLevel', () => {
  it('bands occupancy against capacity', () => {
    expect([0, 10, 30, 60, 75, 95, 100, 119, 140].map(occupancyLevel)).toEqual(['none', 'low', 'light', 'moderate', 'busy', 'high', 'over', 'over', 'crush']);
    expect([24.9, 25, 84.9, 85].map(occupancyLevel)).toEqual(['low', 'light', 'busy', 'high']);
  });
});

describe('formatCountdown', () => {
  it('shows mm:ss and never a negative time', () => {
    expect(formatCountdown(299_001)).toBe('05:00');
    expect(formatCountdown(61_000)).toBe('01:01');
    expect(formatCountdown(-5)).toBe('00:00');
  });
});
