package dev.fleetwatch.flink.common;

/** A record as read from Kafka, before any parsing: bad bytes must still reach the dead-letter topic unchanged. */
public class KafkaRecord {
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] key;
  public byte[] value;

  public KafkaRecord() {}

  public KafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
  }

  public String keyString() {
    return key == null ? null : new String(key, java.nio.charset.StandardCharsets.UTF_8);
  }
}
