import type { ZoneOccupancy } from '@/lib/contracts/campus';

import type { ZoneRef } from './windows';

/** The live figure looks this far back: someone not seen for 15 minutes has left or gone quiet. */
export const LIVE_SPAN_MS = 15 * 60_000;
const BUCKET_MS = 60_000;

interface LatestSighting {
  zoneId: string;
  eventTime: number;
}

/**
 * Where each badge is now: the zone of its latest sighting within the last 15 minutes. A person
 * who walked from the hall to the cafeteria counts once, in the cafeteria. Sightings per zone
 * are kept in one-minute buckets, so the sightings figure is exact to the minute.
 */
export class LiveOccupancy {
  private readonly latest = new Map<string, LatestSighting>();
  private readonly buckets = new Map<string, Map<number, number>>();

  add(badgeId: string, zoneId: string, eventTime: number): void {
    const previous = this.latest.get(badgeId);
    // Out-of-order input: an older sighting never moves a badge back to where it was.
    if (!previous || previous.eventTime <= eventTime) this.latest.set(badgeId, { zoneId, eventTime });
    const bucket = Math.floor(eventTime / BUCKET_MS) * BUCKET_MS;
    const zoneBuckets = this.buckets.get(zoneId) ?? new Map<number, number>();
    zoneBuckets.set(bucket, (zoneBuckets.get(bucket) ?? 0) + 1);
    this.buckets.set(zoneId, zoneBuckets);
  }

  /** One live row per zone (zero rows too: an emptied zone must read 0, not its last figure). Forgets what is older than the span. */
  rows(zones: Iterable<ZoneRef>, now: number): ZoneOccupancy[] {
    const since = now - LIVE_SPAN_MS;
    const badges = new Map<string, number>();
    for (const [badgeId, sighting] of this.latest) {
      if (sighting.eventTime <= since) this.latest.delete(badgeId);
      else badges.set(sighting.zoneId, (badges.get(sighting.zoneId) ?? 0) + 1);
    }
    const firstBucket = Math.floor(since / BUCKET_MS) * BUCKET_MS;
    return [...zones].map((zone) => ({
      zoneId: zone.zoneId,
      name: zone.name,
      capacity: zone.capacity,
      windowStart: new Date(since).toISOString(),
      windowEnd: new Date(now).toISOString(),
      window: 'live' as const,
      uniqueBadges: badges.get(zone.zoneId) ?? 0,
      sightings: this.sightingsSince(zone.zoneId, firstBucket),
      final: false,
    }));
  }

  private sightingsSince(zoneId: string, firstBucket: number): number {
    const zoneBuckets = this.buckets.get(zoneId);
    if (!zoneBuckets) return 0;
    let total = 0;
    for (const [bucket, count] of zoneBuckets) {
      if (bucket < firstBucket) zoneBuckets.delete(bucket);
      else total += count;
    }
    return total;
  }
}
