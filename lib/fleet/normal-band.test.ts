import { describe, expect, it } from 'vitest';

import { normalBand } from './normal-band';

describe('normalBand', () => {
  it('centres on the usual values and ignores a short excursion', () => {
    const values = [...Array.from({ length: 60 }, (_, i) => 90 + (i % 5) - 2), 120, 121, 122];
    const band = normalBand(values);
    expect(band?.low).toBeGreaterThan(80);
    expect(band?.high).toBeLessThan(100);
  });

  it('needs a few points before it says what is normal', () => {
    expect(normalBand([1, 2])).toBeNull();
  });
});
