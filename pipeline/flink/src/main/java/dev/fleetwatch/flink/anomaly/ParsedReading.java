package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.KafkaRecord;

/** A reading with the bytes it came from: a reading judged too late goes to the dead letters unchanged. */
public class ParsedReading {
  public KafkaRecord raw;
  public VehicleReading reading;

  public ParsedReading() {}

  public ParsedReading(KafkaRecord raw, VehicleReading reading) {
    this.raw = raw;
    this.reading = reading;
  }
}
