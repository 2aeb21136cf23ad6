import { describe, expect, it } from 'vitest';

import type { OffsetSeen } from './offset-table';
import { addOffsetSample, estimateWriteTime, interpolatedLagSeconds } from './offset-table';

function tableOf(samples: [number, number][], max?: number): OffsetSeen[] {
  return samples.reduce<OffsetSeen[]>((table, [offset, at]) => addOffsetSample(table, { offset, at }, max), []);
}

describe('the end-offset table', () => {
  it('places a record between the samples around it at an even rate', () => {
    // 100 records written between t=10 s and t=20 s: record 149 is the 50th of them.
    const table = tableOf([
      [100, 10_000],
      [200, 20_000],
    ]);
    expect(estimateWriteTime(table, 149)).toEqual({ at: 15_000, bound: 'estimate' });
    expect(interpolatedLagSeconds(table, 149, 25_000)).toBeCloseTo(10, 6);
  });

  it('uses the last time of a run of equal end offsets: the records after it came later', () => {
    // Quiet from 0 to 50 s, then 10 records by 55 s.
    const table = tableOf([
      [10, 0],
      [10, 20_000],
      [10, 50_000],
      [20, 55_000],
    ]);
    expect(table).toEqual([
      { offset: 10, at: 0 },
      { offset: 10, at: 50_000 },
      { offset: 20, at: 55_000 },
    ]);
    expect(estimateWriteTime(table, 14)?.at).toBe(52_500);
  });

  it('reads 0 s for a consumer at the end and a lower bound for a record older than the table', () => {
    const table = tableOf([
      [100, 10_000],
      [200, 20_000],
    ]);
    expect(interpolatedLagSeconds(table, 200, 30_000)).toBe(0);
    expect(estimateWriteTime(table, 50)).toEqual({ at: 10_000, bound: 'lower' });
    expect(interpolatedLagSeconds([], 5, 1_000)).toBeNull();
  });

  it('ignores samples that do not move time forward', () => {
    const table = tableOf([
      [100, 10_000],
      [120, 10_000],
      [110, 5_000],
    ]);
    expect(table).toEqual([{ offset: 100, at: 10_000 }]);
  });

  it('stays within its size, keeping recent samples dense and the oldest one', () => {
    const samples: [number, number][] = Array.from({ length: 1_000 }, (_, index) => [index * 10, index * 1_000]);
    const table = tableOf(samples, 32);
    expect(table.length).toBeLessThanOrEqual(32);
    expect(table[0]).toEqual({ offset: 0, at: 0 });
    expect(table.at(-1)).toEqual({ offset: 9_990, at: 999_000 });
    expect(table.at(-2)).toEqual({ offset: 9_980, at: 998_000 });
    // Still right for a steady producer, however old the record.
    expect(estimateWriteTime(table, 4_999)?.at).toBeCloseTo(500_000, 0);
  });
});
