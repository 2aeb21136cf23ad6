import { describe, expect, it } from 'vitest';

import { occupancyKey, WINDOW_MS, ZoneWindows } from './windows';

const HALL = { zoneId: 'main-hall', name: 'Main hall', capacity: 500 };
const CAFE = { zoneId: 'cafeteria', name: 'Cafeteria', capacity: 300 };
const T0 = Date.UTC(2026, 2, 2, 9, 0);

describe('ZoneWindows', () => {
  it('counts distinct badges per zone: a badge seen many times counts once, every sighting is counted', () => {
    const windows = new ZoneWindows();
    windows.add(HALL, 'a', T0 + 1_000);
    windows.add(HALL, 'a', T0 + 2_000);
    windows.add(HALL, 'b', T0 + 3_000);
    const [row] = windows.collect(-Infinity, true);
    expect(row).toMatchObject({ zoneId: 'main-hall', window: '15m', uniqueBadges: 2, sightings: 3, final: false, capacity: 500 });
    expect(row?.windowStart).toBe(new Date(T0).toISOString());
    expect(row?.windowEnd).toBe(new Date(T0 + WINDOW_MS).toISOString());
  });

  it('counts a badge that moved between zones in both zones of the window', () => {
    const windows = new ZoneWindows();
    windows.add(HALL, 'walker', T0 + 60_000);
    windows.add(CAFE, 'walker', T0 + 120_000);
    const rows = windows.collect(-Infinity, true);
    expect(rows.map((row) => [row.zoneId, row.uniqueBadges])).toEqual([
      ['main-hall', 1],
      ['cafeteria', 1],
    ]);
  });

  it('keeps windows apart: the same badge in two windows counts in each', () => {
    const windows = new ZoneWindows();
    windows.add(HALL, 'a', T0 + 1_000);
    windows.add(HALL, 'a', T0 + WINDOW_MS + 1_000);
    expect(windows.collect(-Infinity, true).map((row) => row.windowStart)).toEqual([new Date(T0).toISOString(), new Date(T0 + WINDOW_MS).toISOString()]);
  });

  it('writes partial rows only for what changed since the last partial', () => {
    const windows = new ZoneWindows();
    windows.add(HALL, 'a', T0);
    windows.add(CAFE, 'b', T0);
    expect(windows.collect(-Infinity, true)).toHaveLength(2);
    windows.add(CAFE, 'c', T0 + 5_000);
    expect(windows.collect(-Infinity, true).map((row) => [row.zoneId, row.uniqueBadges])).toEqual([['cafeteria', 2]]);
    expect(windows.collect(-Infinity, false)).toEqual([]);
  });

  it('closes a window once the watermark passes its end: final exactly once, then forgotten', () => {
    const windows = new ZoneWindows();
    windows.add(HALL, 'a', T0 + 1_000);
    windows.add(HALL, 'b', T0 + WINDOW_MS + 1_000);
    expect(windows.collect(T0 + WINDOW_MS - 1, false)).toEqual([]);
    const closed = windows.collect(T0 + WINDOW_MS, false);
    expect(closed).toEqual([expect.objectContaining({ windowStart: new Date(T0).toISOString(), uniqueBadges: 1, final: true })]);
    expect(windows.collect(T0 + WINDOW_MS + 5_000, true).every((row) => !row.final)).toBe(true);
    expect(windows.openWindows).toBe(1);
  });

  it('calls a sighting for a closed window too late, and one for an open window not', () => {
    const windows = new ZoneWindows();
    windows.collect(T0 + WINDOW_MS, false);
    expect(windows.isTooLate(T0 + 5_000)).toBe(true);
    expect(windows.isTooLate(T0 + WINDOW_MS)).toBe(false);
  });

  it('keys window rows zoneId|windowStart and live rows zoneId|live', () => {
    expect(occupancyKey({ zoneId: 'lab', windowStart: '2026-03-02T09:00:00.000Z', window: '15m' })).toBe('lab|2026-03-02T09:00:00.000Z');
    expect(occupancyKey({ zoneId: 'lab', windowStart: '2026-03-02T09:00:00.000Z', window: 'live' })).toBe('lab|live');
  });
});
