/**
 * A rolling table of (log-end offset, time seen) samples for one partition: the source of lag in
 * seconds when the record at the committed offset cannot be read. It keeps a bounded number of
 * entries, spaced ever wider into the past, so a consumer hours behind still gets an estimate
 * while memory stays flat.
 */
export interface OffsetSeen {
  /** The log-end offset: every record below it had been written by `at`. */
  offset: number;
  at: number;
}

export const DEFAULT_TABLE_ENTRIES = 64;

/**
 * Adds a sample (oldest first) and returns the table: the same array, changed in place, except
 * when it had to be thinned. In place because one table per partition and group is updated every
 * poll, and copying them all would keep the garbage collector busy.
 */
export function addOffsetSample(table: OffsetSeen[], sample: OffsetSeen, maxEntries = DEFAULT_TABLE_ENTRIES): OffsetSeen[] {
  const last = table.at(-1);
  if (last && sample.at <= last.at) return table;
  // A run of equal offsets needs only its first and its last time: when the run ends, the new
  // records were written after the last of them, not after the first.
  const beforeLast = table.at(-2);
  if (last && beforeLast && last.offset === sample.offset && beforeLast.offset === sample.offset) {
    table[table.length - 1] = sample;
    return table;
  }
  table.push(sample);
  return table.length > maxEntries ? thin(table) : table;
}

/** Drops every second entry of the older half (keeping the oldest), so spacing grows with age. */
function thin(table: OffsetSeen[]): OffsetSeen[] {
  const half = Math.floor(table.length / 2);
  const older = table.slice(0, half).filter((_, index) => index % 2 === 0);
  return [...older, ...table.slice(half)];
}

/**
 * When the record at `offset` was written, from the table: between the last sample whose end was
 * at or below it and the first whose end passed it, assuming an even rate in between.
 * `bound: 'lower'` when the record is older than the table reaches (the answer is then the oldest
 * sample's time, so the age is at least that).
 */
export function estimateWriteTime(table: readonly OffsetSeen[], offset: number): { at: number; bound: 'estimate' | 'lower' } | undefined {
  const firstPast = table.findIndex((entry) => entry.offset > offset);
  if (firstPast < 0) return undefined;
  const after = table[firstPast];
  const before = table[firstPast - 1];
  if (!after) return undefined;
  if (!before) return { at: after.at, bound: 'lower' };
  const share = (offset + 1 - before.offset) / (after.offset - before.offset);
  return { at: before.at + share * (after.at - before.at), bound: 'estimate' };
}

/** Lag in seconds of a consumer whose next record is `committed`; 0 when it has read everything seen. */
export function interpolatedLagSeconds(table: readonly OffsetSeen[], committed: number, now: number): number | null {
  const newest = table.at(-1);
  if (!newest) return null;
  if (committed >= newest.offset) return 0;
  const written = estimateWriteTime(table, committed);
  return written ? Math.max(0, (now - written.at) / 1000) : null;
}
