import type { Zone } from '@/lib/contracts/campus';

import type { ZoneRef } from './windows';

/**
 * Sensor → zone, from the zones table. A sensor listed by two zones is a mistake in the table;
 * the zone first in id order gets it, so every run resolves it the same way.
 */
export function indexSensors(zones: Iterable<Zone>): Map<string, ZoneRef> {
  const index = new Map<string, ZoneRef>();
  for (const zone of [...zones].sort((a, b) => a.zoneId.localeCompare(b.zoneId))) {
    const ref: ZoneRef = { zoneId: zone.zoneId, name: zone.name, capacity: zone.capacity };
    for (const sensorId of zone.sensors) if (!index.has(sensorId)) index.set(sensorId, ref);
  }
  return index;
}

/**
 * Tells when a re-read of the input has reached where it ended at start. Until then the live
 * figure and the alerts would describe the past as if it were now, so they wait.
 */
export class ReplayTracker {
  private readonly pending = new Map<number, bigint>();

  constructor(
    ends: ReadonlyMap<number, bigint>,
    private readonly startedAt: number,
  ) {
    for (const [partition, end] of ends) if (end > 0n) this.pending.set(partition, end);
  }

  /**
   * `timestamp` is the record's Kafka time: a record written after the start is past the backlog
   * too, which settles a partition whose last backlog record was malformed (never handed on).
   */
  consumed(partition: number, offset: string, timestamp: number): void {
    const end = this.pending.get(partition);
    if (end !== undefined && (BigInt(offset) + 1n >= end || timestamp >= this.startedAt)) this.pending.delete(partition);
  }

  get caughtUp(): boolean {
    return this.pending.size === 0;
  }
}
