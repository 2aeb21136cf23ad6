package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.nio.charset.StandardCharsets;

/** A parsed fix and where it was read, so a rejection after parsing still names its source offset. */
public class Fix {
  public Telemetry telemetry;
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] key;

  public Fix() {}

  static Fix of(Telemetry telemetry, KafkaRecord source) {
    return of(telemetry, source.topic, source.partition, source.offset, source.timestamp, source.key);
  }

  static Fix of(Telemetry telemetry, String topic, int partition, long offset, long timestamp, byte[] key) {
    Fix fix = new Fix();
    fix.telemetry = telemetry;
    fix.topic = topic;
    fix.partition = partition;
    fix.offset = offset;
    fix.timestamp = timestamp;
    fix.key = key;
    return fix;
  }

  /** The record for {@code dlq.fleet-state}: the parsed value as JSON, as the TypeScript processors wrote rejections after parsing. */
  KafkaRecord asSource() {
    return new KafkaRecord(topic, partition, offset, timestamp, key, Json.write(telemetry).getBytes(StandardCharsets.UTF_8));
  }
}
