import { describe, expect, it } from 'vitest';

import { LIVE_SPAN_MS, LiveOccupancy } from './live-occupancy';

const HALL = { zoneId: 'main-hall', name: 'Main hall', capacity: 500 };
const CAFE = { zoneId: 'cafeteria', name: 'Cafeteria', capacity: 300 };
const NOW = Date.UTC(2026, 2, 2, 12, 0);

function counts(live: LiveOccupancy, now = NOW): Record<string, number> {
  return Object.fromEntries(live.rows([HALL, CAFE], now).map((row) => [row.zoneId, row.uniqueBadges]));
}

describe('LiveOccupancy', () => {
  it('counts a person who walked on once, where they are now', () => {
    const live = new LiveOccupancy();
    live.add('walker', 'main-hall', NOW - 5 * 60_000);
    live.add('walker', 'cafeteria', NOW - 60_000);
    live.add('sitter', 'main-hall', NOW - 30_000);
    expect(counts(live)).toEqual({ 'main-hall': 1, cafeteria: 1 });
  });

  it('never moves a badge back on a sighting that arrives late', () => {
    const live = new LiveOccupancy();
    live.add('walker', 'cafeteria', NOW - 60_000);
    live.add('walker', 'main-hall', NOW - 5 * 60_000);
    expect(counts(live)).toEqual({ 'main-hall': 0, cafeteria: 1 });
  });

  it('forgets badges not seen for 15 minutes and reads 0 for an emptied zone', () => {
    const live = new LiveOccupancy();
    live.add('gone', 'main-hall', NOW - LIVE_SPAN_MS - 1);
    live.add('here', 'cafeteria', NOW - LIVE_SPAN_MS + 1_000);
    expect(counts(live)).toEqual({ 'main-hall': 0, cafeteria: 1 });
    expect(counts(live, NOW + 1_000)).toEqual({ 'main-hall': 0, cafeteria: 0 });
  });

  it('writes live rows spanning the last 15 minutes with the sightings in them', () => {
    const live = new LiveOccupancy();
    live.add('a', 'main-hall', NOW - 2_000);
    live.add('a', 'main-hall', NOW - 1_000);
    const [hall] = live.rows([HALL], NOW);
    expect(hall).toEqual({
      zoneId: 'main-hall',
      name: 'Main hall',
      capacity: 500,
      windowStart: new Date(NOW - LIVE_SPAN_MS).toISOString(),
      windowEnd: new Date(NOW).toISOString(),
      window: 'live',
      uniqueBadges: 1,
      sightings: 2,
      final: false,
    });
  });
});
