package dev.fleetwatch.flink.occupancy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates as JavaScript's toISOString writes them (always milliseconds): they are part of record keys. */
final class Iso {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Iso() {}

  static String format(long epochMs) {
    return FORMAT.format(Instant.ofEpochMilli(epochMs));
  }
}
