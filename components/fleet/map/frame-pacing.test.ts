import { describe, expect, it } from 'vitest';

import { FramePacer } from './frame-pacing';

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
});
