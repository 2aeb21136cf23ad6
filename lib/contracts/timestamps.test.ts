import { describe, expect, it } from 'vitest';

import { JAVA_ZONES, javaDateString } from '@/pipeline/simulator/java-date';

import { parseEventTime } from './timestamps';

const INSTANT = Date.UTC(2026, 10, 22, 14, 3, 27);

describe('parseEventTime', () => {
  it('reads Java Date.toString() text in UTC, GMT and daylight-saving zones', () => {
    expect(parseEventTime('Sun Nov 22 14:03:27 UTC 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 14:03:27 GMT 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 06:03:27 PST 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 09:03:27 EST 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 08:03:27 CST 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 07:03:27 MST 2026')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('Sun Nov 22 15:03:27 CET 2026')).toEqual({ ok: true, value: INSTANT });
    const summer = Date.UTC(2026, 6, 1, 12, 0, 0);
    expect(parseEventTime('Wed Jul 01 05:00:00 PDT 2026')).toEqual({ ok: true, value: summer });
    expect(parseEventTime('Wed Jul 01 08:00:00 EDT 2026')).toEqual({ ok: true, value: summer });
    expect(parseEventTime('Wed Jul 01 07:00:00 CDT 2026')).toEqual({ ok: true, value: summer });
    expect(parseEventTime('Wed Jul 01 06:00:00 MDT 2026')).toEqual({ ok: true, value: summer });
    expect(parseEventTime('Wed Jul 01 14:00:00 CEST 2026')).toEqual({ ok: true, value: summer });
    expect(parseEventTime('Wed Jul 01 17:30:00 GMT+05:30 2026')).toEqual({ ok: true, value: summer });
  });

  it('reads back every zone the simulator writes, across a year boundary', () => {
    const newYear = Date.UTC(2026, 0, 1, 3, 0, 0);
    for (const zone of [{ abbreviation: 'UTC', offsetMin: 0 }, ...JAVA_ZONES]) {
      expect(parseEventTime(javaDateString(newYear, zone.abbreviation, zone.offsetMin))).toEqual({ ok: true, value: newYear });
    }
  });

  it('reads ISO-8601 with a zone and epoch ms as a number or a numeric string', () => {
    expect(parseEventTime('2026-11-22T14:03:27.000Z')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime('2026-11-22T15:03:27+01:00')).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime(INSTANT)).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime(String(INSTANT))).toEqual({ ok: true, value: INSTANT });
    expect(parseEventTime(` ${INSTANT} `)).toEqual({ ok: true, value: INSTANT });
  });

  it('gives a reason for anything else instead of guessing', () => {
    const bad = [
      'yesterday',
      '',
      'Sun Nov 22 14:03:27 IST 2026', // ambiguous zone
      'Mon Nov 22 14:03:27 UTC 2026', // wrong weekday
      'Sun Foo 22 14:03:27 UTC 2026',
      'Tue Feb 31 10:00:00 UTC 2026', // no such day
      '2026-11-22T14:03:27', // no zone: ambiguous
      '2026-11-22',
      String(Math.floor(INSTANT / 1000)), // epoch seconds would land in 1970
      INSTANT + 0.5,
      -1,
      Number.NaN,
    ];
    for (const value of bad) {
      const result = parseEventTime(value);
      expect(result.ok, `accepted ${String(value)}`).toBe(false);
      expect(!result.ok && result.reason).toMatch(/^timestamp: /);
    }
  });
});
