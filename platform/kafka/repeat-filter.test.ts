import { describe, expect, it } from 'vitest';

import { RepeatFilter } from './repeat-filter';

describe('RepeatFilter', () => {
  it('lets the first of a kind through and drops repeats within the window', () => {
    let now = 0;
    const filter = new RepeatFilter(30_000, () => now);
    expect(filter.admit('refused 127.0.0.1:9092')).toEqual({ suppressed: 0 });
    now = 1_000;
    expect(filter.admit('refused 127.0.0.1:9092')).toBeNull();
    now = 2_000;
    expect(filter.admit('refused 127.0.0.1:9092')).toBeNull();
    expect(filter.admit('refused 127.0.0.1:9093')).toEqual({ suppressed: 0 });
  });

  it('reports how many were dropped with the first one after the window', () => {
    let now = 0;
    const filter = new RepeatFilter(30_000, () => now);
    filter.admit('refused');
    for (now = 1_000; now < 30_000; now += 1_000) filter.admit('refused');
    now = 30_000;
    expect(filter.admit('refused')).toEqual({ suppressed: 29 });
    now = 30_500;
    expect(filter.admit('refused')).toBeNull();
  });
});
