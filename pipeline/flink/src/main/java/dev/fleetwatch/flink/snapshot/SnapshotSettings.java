package dev.fleetwatch.flink.snapshot;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.Serializable;

/**
 * The snapshot job's settings, by the names the README's settings table and the TypeScript side
 * give them; a value out of bounds stops the job at start with the setting's name.
 *
 * @param intervalMs a snapshot of every bucket at each multiple of this (event time: the Kafka timestamps of the input)
 * @param buckets how many buckets (records per snapshot moment, before chunking) the fleet is spread over
 * @param retentionMs a vehicle whose newest record is older than this at a snapshot leaves it: {@code fleet.vehicle-state} no longer holds it either
 */
public record SnapshotSettings(long intervalMs, int buckets, long retentionMs) implements Serializable {
  /** platform/kafka/settings.ts: FLEET_STATE_RETENTION_H is a positive number of hours, at most a year, 7 days by default. */
  private static final double MAX_RETENTION_H = 24 * 365;

  public static SnapshotSettings from(JobSettings settings) {
    int interval = settings.getInt("FLEET_SNAPSHOT_INTERVAL_S", 5);
    if (interval < 1 || interval > 3600) throw new IllegalArgumentException("FLEET_SNAPSHOT_INTERVAL_S must be between 1 and 3600, got " + interval);
    int buckets = settings.getInt("FLEET_SNAPSHOT_BUCKETS", 16);
    if (buckets < 1 || buckets > 1024) throw new IllegalArgumentException("FLEET_SNAPSHOT_BUCKETS must be between 1 and 1024, got " + buckets);
    double retentionH = settings.getDouble("FLEET_STATE_RETENTION_H", 7 * 24);
    if (!(retentionH > 0 && retentionH <= MAX_RETENTION_H)) {
      throw new IllegalArgumentException("FLEET_STATE_RETENTION_H must be above 0 and at most " + (long) MAX_RETENTION_H + ", got " + retentionH);
    }
    return new SnapshotSettings(interval * 1000L, buckets, Math.round(retentionH * 3_600_000));
  }

  /** The bucket of a vehicle, as lib/contracts/fleet.ts says: the Java hash of its id modulo the buckets. */
  public int bucketOf(String vehicleId) {
    return Math.floorMod(vehicleId.hashCode(), buckets);
  }

  /** The snapshot a record at {@code timestamp} belongs to first: the next multiple of the interval at or after it. */
  public long boundaryAtOrAfter(long timestamp) {
    return -Math.floorDiv(-timestamp, intervalMs) * intervalMs;
  }

  /** The last snapshot moment at or before {@code timestamp}. */
  public long boundaryAtOrBefore(long timestamp) {
    return Math.floorDiv(timestamp, intervalMs) * intervalMs;
  }
}
