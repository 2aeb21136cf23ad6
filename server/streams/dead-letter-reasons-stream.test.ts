import { describe, expect, it } from 'vitest';

import { reasonKind } from './dead-letter-reasons-stream';

describe('reasonKind', () => {
  it('takes the word before the first colon of a dlq.reason header', () => {
    expect(reasonKind('too-late: event time 2026-11-23T10:17:00.000Z is beyond the allowed lateness of 30 s')).toBe('too-late');
    expect(reasonKind('unknown-sensor: sensor s-9 is in no zone of campus.zones')).toBe('unknown-sensor');
    expect(reasonKind('timestamp: "sometime tomorrow" is not ...')).toBe('timestamp');
  });

  it('folds anything that is not a short lower-case word into "other", so labels stay bounded', () => {
    expect(reasonKind(undefined)).toBe('other');
    expect(reasonKind('')).toBe('other');
    expect(reasonKind('DROP TABLE: x')).toBe('other');
    expect(reasonKind(`${'a'.repeat(80)}: long`)).toBe('other');
  });
});
