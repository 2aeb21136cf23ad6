import { describe, expect, it } from 'vitest';

import { formatAge, formatClock, formatDateTime, formatMinute, formatMoney, formatNumber, kafkaUnreachableText } from './format';

describe('formatAge', () => {
  it('says how old something is in the largest sensible unit', () => {
    expect(formatAge(500)).toBe('just now');
    expect(formatAge(12_400)).toBe('12 s ago');
    expect(formatAge(3 * 60_000)).toBe('3 min ago');
    expect(formatAge(2 * 3_600_000)).toBe('2 h ago');
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
  });
});

describe('formatMoney', () => {
  it('names the currency on every amount, in full or compact for axis ticks', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'USD', true)).toBe('$1.2K');
  });
});

describe('kafkaUnreachableText', () => {
  it("says since when, to the second, in the viewer's time zone, and that the data is the last known", () => {
    const at = new Date(2026, 11, 3, 16, 6, 20).getTime();
    expect(kafkaUnreachableText(at)).toBe('Kafka unreachable since 16:06:20, showing the last known data');
    expect(kafkaUnreachableText(null)).toBe('Kafka unreachable, showing the last known data');
  });
});

describe('one time format on every page', () => {
  const afterMidnight = new Date(2026, 11, 3, 0, 5, 7).getTime();
  const afternoon = new Date(2026, 11, 3, 16, 6, 20).getTime();

  it('is a 24-hour clock that reads 00, not 24, just after midnight', () => {
    expect(formatClock(afterMidnight)).toBe('00:05:07');
    expect(formatClock(afternoon)).toBe('16:06:20');
  });

  it('drops the seconds for windows that start on the minute, from epoch ms or an ISO timestamp', () => {
    expect(formatMinute(afternoon)).toBe('16:06');
    expect(formatMinute(new Date(afterMidnight).toISOString())).toBe('00:05');
  });

  it('adds the day for a moment that may be on another day', () => {
    expect(formatDateTime(afternoon)).toBe('3 Dec, 16:06:20');
  });
});
