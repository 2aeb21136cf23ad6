export interface EventClockOptions {
  /** How far behind the newest event time a sighting may arrive and still count in its window. */
  allowedLatenessMs: number;
  /** A partition silent this long (wall time) stops holding the watermark back. */
  idlePartitionMs: number;
}

interface PartitionProgress {
  maxEventTime: number;
  lastSeenAt: number;
}

/**
 * Event time of the sighting stream. Sightings are keyed by sensor, so one zone's sightings
 * spread over every partition: the watermark is the smallest of the partitions' newest event
 * times (minus the allowed lateness), so a partition read ahead of the others (catching up after
 * a restart) cannot make their sightings late. A partition silent for `idlePartitionMs` stops
 * holding it back; when every partition is silent, event time is assumed to run on at wall speed
 * from the last sighting, so the last window still closes when the sensors go quiet.
 */
export class EventClock {
  private readonly partitions = new Map<number, PartitionProgress>();
  private mark = -Infinity;

  constructor(private readonly options: EventClockOptions) {}

  /** Partitions that hold data at start: the watermark waits for each until it reports or goes idle. */
  expect(partitions: readonly number[], now: number): void {
    for (const partition of partitions) if (!this.partitions.has(partition)) this.partitions.set(partition, { maxEventTime: -Infinity, lastSeenAt: now });
  }

  observe(partition: number, eventTime: number, now: number): void {
    const progress = this.partitions.get(partition);
    if (progress) {
      progress.maxEventTime = Math.max(progress.maxEventTime, eventTime);
      progress.lastSeenAt = now;
    } else this.partitions.set(partition, { maxEventTime: eventTime, lastSeenAt: now });
  }

  /** The newest event time seen on any partition (-Infinity before the first sighting). */
  newest(): number {
    let newest = -Infinity;
    for (const progress of this.partitions.values()) newest = Math.max(newest, progress.maxEventTime);
    return newest;
  }

  /** Every window ending at or before this is complete. Never moves backwards. */
  watermark(now: number): number {
    const active = [...this.partitions.values()].filter((p) => now - p.lastSeenAt < this.options.idlePartitionMs);
    let candidate = -Infinity;
    if (active.length > 0) candidate = Math.min(...active.map((p) => p.maxEventTime));
    else for (const p of this.partitions.values()) candidate = Math.max(candidate, p.maxEventTime + (now - p.lastSeenAt));
    this.mark = Math.max(this.mark, candidate - this.options.allowedLatenessMs);
    return this.mark;
  }
}
