import { describe, expect, it } from 'vitest';

import { javaDateString } from './java-date';

describe('javaDateString', () => {
  const instant = Date.UTC(2026, 10, 22, 14, 3, 27, 900);

  it('writes what java.util.Date#toString writes in UTC', () => {
    expect(javaDateString(instant)).toBe('Sun Nov 22 14:03:27 UTC 2026');
  });

  it('shifts the wall time to the zone it names', () => {
    expect(javaDateString(instant, 'PST', -480)).toBe('Sun Nov 22 06:03:27 PST 2026');
    expect(javaDateString(instant, 'CET', 60)).toBe('Sun Nov 22 15:03:27 CET 2026');
    expect(javaDateString(Date.UTC(2026, 0, 1, 3, 0, 0), 'EST', -300)).toBe('Wed Dec 31 22:00:00 EST 2025');
  });

  it('zero-pads the day of the month', () => {
    expect(javaDateString(Date.UTC(2026, 1, 3, 9, 5, 7))).toBe('Tue Feb 03 09:05:07 UTC 2026');
  });
});
