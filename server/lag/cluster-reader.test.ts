import { describe, expect, it } from 'vitest';

import { readLookup } from './cluster-reader';

describe('reading the record at a committed offset', () => {
  it('takes the first data record at or after the offset (a batch may start before it)', () => {
    const records = [
      { offset: '8', timestamp: '1000' },
      { offset: '9', timestamp: '2000' },
      { offset: '10', timestamp: '3000' },
    ];
    expect(readLookup(records, 9, 20)).toEqual({ kind: 'record', timestamp: 2000 });
  });

  it('recognises a lag made only of transaction markers', () => {
    const records = [
      { offset: '41', timestamp: '1000' },
      { offset: '42', timestamp: '1000', isControlRecord: true },
    ];
    expect(readLookup(records, 42, 43)).toEqual({ kind: 'markers-only' });
  });

  it('skips a marker to the data record after it', () => {
    const records = [
      { offset: '42', timestamp: '1000', isControlRecord: true },
      { offset: '43', timestamp: '5000' },
    ];
    expect(readLookup(records, 42, 50)).toEqual({ kind: 'record', timestamp: 5000 });
  });

  it('does not know when the fetch returned nothing past the offset', () => {
    expect(readLookup([], 42, 50)).toEqual({ kind: 'unknown' });
    expect(readLookup([{ offset: '42', timestamp: '1', isControlRecord: true }], 42, 50)).toEqual({ kind: 'unknown' });
  });
});
