package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.KafkaRecord;

/** A parsed {@code campus.badge-sightings} record, with its raw record for the dead-letter topic. */
public class Sighting {
  public String sensorId;
  public String badgeId;
  public long ts;
  public KafkaRecord source;

  public Sighting() {}

  public Sighting(String sensorId, String badgeId, long ts, KafkaRecord source) {
    this.sensorId = sensorId;
    this.badgeId = badgeId;
    this.ts = ts;
    this.source = source;
  }
}
