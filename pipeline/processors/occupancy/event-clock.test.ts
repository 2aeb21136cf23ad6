import { describe, expect, it } from 'vitest';

import { EventClock } from './event-clock';

const T = Date.UTC(2026, 2, 2, 12, 0);

describe('EventClock', () => {
  it('holds the watermark at the slowest active partition minus the lateness', () => {
    const clock = new EventClock({ allowedLatenessMs: 60_000, idlePartitionMs: 30_000 });
    clock.observe(0, T + 600_000, T);
    clock.observe(1, T + 100_000, T);
    expect(clock.watermark(T)).toBe(T + 40_000);
    expect(clock.newest()).toBe(T + 600_000);
  });

  it('waits for an expected partition until it reports or goes idle', () => {
    const clock = new EventClock({ allowedLatenessMs: 0, idlePartitionMs: 30_000 });
    clock.expect([0, 1], T);
    clock.observe(0, T, T);
    expect(clock.watermark(T + 1_000)).toBe(-Infinity);
    expect(clock.watermark(T + 31_000)).toBeGreaterThanOrEqual(T);
  });

  it('lets event time run on at wall speed when every partition is quiet, and never goes back', () => {
    const clock = new EventClock({ allowedLatenessMs: 60_000, idlePartitionMs: 30_000 });
    clock.observe(0, T, T);
    expect(clock.watermark(T + 20 * 60_000)).toBe(T + 19 * 60_000);
    clock.observe(0, T + 60_000, T + 20 * 60_000);
    expect(clock.watermark(T + 20 * 60_000)).toBe(T + 19 * 60_000);
  });
});
