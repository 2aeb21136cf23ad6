import { describe, expect, it } from 'vitest';

import type { FetchedRecord } from '../kafka/internal-cluster';

import { takeFetched, withoutAborted } from './replay-reader';

/** A record as kafkajs decodes it, in a batch of `batch` (first offset, last offset delta) by `producerId`. */
function record(
  offset: number,
  timestamp: number,
  options: { batch?: [number, number]; producerId?: string; inTransaction?: boolean; control?: 'abort' | 'commit' } = {},
): FetchedRecord {
  const [firstOffset, lastOffsetDelta] = options.batch ?? [offset, 0];
  return {
    offset: String(offset),
    timestamp: String(timestamp),
    key: options.control ? Buffer.from([0, 0, 0, options.control === 'abort' ? 0 : 1]) : Buffer.from(`k${offset}`),
    value: options.control ? null : Buffer.from(`v${offset}`),
    isControlRecord: options.control !== undefined,
    batchContext: { firstOffset: String(firstOffset), lastOffsetDelta, producerId: options.producerId ?? '-1', inTransaction: options.inTransaction ?? false },
  };
}

const everything = { start: 0n, end: 1_000n, fromMs: 0, untilMs: Number.MAX_SAFE_INTEGER };
const values = (records: { value: Buffer | null }[]) => records.map((r) => r.value?.toString());

describe('takeFetched: one partition of a Fetch, as a range read takes it', () => {
  it('takes the records from the offset asked for, leaving out those a whole compressed batch brought from before it', () => {
    const batch: [number, number] = [10, 4];
    const messages = [10, 11, 12, 13, 14].map((offset) => record(offset, 1_000 + offset, { batch }));
    const taken = takeFetched({ partition: 3, messages }, 12n, everything);
    expect(values(taken.records)).toEqual(['v12', 'v13', 'v14']);
    expect(taken.records[0]).toMatchObject({ partition: 3, timestamp: 1_012 });
    expect(taken.next).toBe(15n);
  });

  it('keeps to the range: offsets before its start or from its end on, and timestamps outside it, are not taken', () => {
    const messages = [5, 6, 7, 8, 9].map((offset) => record(offset, offset * 100));
    const taken = takeFetched({ partition: 0, messages }, 5n, { start: 6n, end: 9n, fromMs: 650, untilMs: 10_000 });
    expect(values(taken.records)).toEqual(['v7', 'v8']);
    expect(taken.next).toBe(10n);
  });

  it('moves past a batch whose last records were compacted away, to where the next batch starts', () => {
    const taken = takeFetched({ partition: 0, messages: [record(20, 1, { batch: [20, 9] })] }, 20n, everything);
    expect(taken.next).toBe(30n);
  });

  it('moves past a batch that held only records before the offset asked for (the rest compacted), never going backwards', () => {
    const taken = takeFetched({ partition: 0, messages: [record(20, 1, { batch: [20, 4] })] }, 23n, everything);
    expect(taken.records).toEqual([]);
    expect(taken.next).toBe(25n);
  });

  it('stays at the offset when the leader had nothing yet, so the next fetch asks again', () => {
    expect(takeFetched({ partition: 0, messages: [] }, 42n, everything)).toEqual({ records: [], next: 42n });
  });

  it('leaves out transaction markers and the records of an aborted transaction, and goes on after them', () => {
    const messages = [
      record(0, 1, { producerId: '7', inTransaction: true }),
      record(1, 1, { producerId: '7', inTransaction: true }),
      record(2, 1, { producerId: '7', inTransaction: true, control: 'abort' }),
      record(3, 1, { producerId: '8', inTransaction: true }),
      record(4, 1, { producerId: '8', inTransaction: true, control: 'commit' }),
      record(5, 1),
    ];
    const taken = takeFetched({ partition: 0, messages, abortedTransactions: [{ producerId: '7', firstOffset: '0' }] }, 0n, everything);
    expect(values(taken.records)).toEqual(['v3', 'v5']);
    expect(taken.next).toBe(6n);
  });
});

describe('withoutAborted', () => {
  it('drops a producer transactional records only from its aborted transaction first offset to its abort marker', () => {
    const messages = [
      record(0, 1, { producerId: '7', inTransaction: true }),
      record(1, 1, { producerId: '9', inTransaction: true }),
      record(2, 1, { producerId: '7', inTransaction: true }),
      record(3, 1, { producerId: '7', inTransaction: true, control: 'abort' }),
      record(4, 1, { producerId: '7', inTransaction: true }),
    ];
    const kept = withoutAborted(messages, [{ producerId: '7', firstOffset: '2' }]).map((r) => r.offset);
    expect(kept).toEqual(['0', '1', '3', '4']);
  });

  it('keeps everything when no transaction was aborted', () => {
    const messages = [record(0, 1), record(1, 1, { producerId: '7', inTransaction: true })];
    expect(withoutAborted(messages, [])).toEqual(messages);
  });
});
