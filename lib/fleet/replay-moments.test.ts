import { describe, expect, it } from 'vitest';

import { formatRetention, fromLocalInput, timelineWindow, toLocalInput } from './replay-moments';

describe('replay moments', () => {
  it('round-trips a moment through the datetime-local input to the second', () => {
    const at = Date.UTC(2026, 11, 3, 9, 15, 42);
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput('not a date')).toBeNull();
  });

  it('words a retention in days or hours', () => {
    expect(formatRetention(7 * 24 * 3_600_000)).toBe('7 days');
    expect(formatRetention(6 * 3_600_000)).toBe('6 h');
  });

  it('keeps the timeline window inside retention and before now, steady while the moment moves within a stride', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    const at = now - 30 * 60_000;
    expect(timelineWindow(at, now, now - 3_600_000)).toEqual({ from: now - 3_600_000, until: now });
    expect(timelineWindow(at + 60_000, now, 0)).toEqual(timelineWindow(at, now, 0));
  });

  it('keeps the same window while the clock runs on within a step, so rendering does not refetch the timeline', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    const at = now - 5 * 60_000;
    const retentionMs = 40 * 60_000;
    const windows = [1, 250, 4_000, 9_999].map((later) => timelineWindow(at, now + later, now + later - retentionMs));
    expect(new Set(windows.map((w) => JSON.stringify(w))).size).toBe(1);
    // Within retention: the start edge rounds later, the end edge earlier.
    expect(windows[0]).toEqual({ from: now - retentionMs + 10_000, until: now });
    expect(timelineWindow(at, now + 10_001, now + 10_001 - retentionMs)).toEqual({ from: now - retentionMs + 20_000, until: now + 10_000 });
  });
});
