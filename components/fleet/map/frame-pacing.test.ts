import { describe, expect, it } from 'vitest';

import { FramePacer, MAX_MOTION_INTERVAL_MS, motionIntervalMs } from './frame-pacing';

describe('FramePacer', () => {
  it('draws only when something changed', () => {
    const pacer = new FramePacer(() => 0);
    expect(pacer.mayDraw(0, false)).toBe(false);
    expect(pacer.mayDraw(0, true)).toBe(true);
  });

  it('after an expensive draw waits at least as long again before the next', () => {
    let clock = 0;
    const pacer = new FramePacer(() => clock);
    const result = pacer.draw(100, () => {
      clock += 40;
      return 'drawn';
    });
    expect(result).toBe('drawn');
    expect(pacer.mayDraw(116, true)).toBe(false);
    expect(pacer.mayDraw(179, true)).toBe(false);
    expect(pacer.mayDraw(180, true)).toBe(true);
  });

  it('lets motion wait its interval, but not a change of view', () => {
    const pacer = new FramePacer(() => 0);
    pacer.draw(1_000, () => undefined);
    expect(pacer.mayDraw(1_100, true, 250)).toBe(false);
    expect(pacer.mayDraw(1_100, true)).toBe(true);
    expect(pacer.mayDraw(1_250, true, 250)).toBe(true);
  });
});

describe('motionIntervalMs', () => {
  it('redraws as often as the fastest vehicle moves half a pixel', () => {
    // 12 px/s, a car at 50 km/h at street zoom: a step every 42 ms.
    expect(motionIntervalMs(0.012)).toBeCloseTo(41.7, 1);
    expect(motionIntervalMs(1)).toBe(0.5);
  });

  it('waits at most its ceiling, however slow or still the fleet is', () => {
    // 0.35 px/s, the same car at city zoom.
    expect(motionIntervalMs(0.00035)).toBe(MAX_MOTION_INTERVAL_MS);
    expect(motionIntervalMs(0)).toBe(MAX_MOTION_INTERVAL_MS);
    expect(motionIntervalMs(Number.NaN)).toBe(MAX_MOTION_INTERVAL_MS);
  });
});
