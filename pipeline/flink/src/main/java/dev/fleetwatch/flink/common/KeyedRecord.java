package dev.fleetwatch.flink.common;

/** One keyed upsert to an output topic: writing the same key again is harmless downstream. */
public class KeyedRecord {
  public String topic;
  public String key;
  /** The record's value as JSON text, shaped by the topic's contract in lib/contracts. */
  public String json;

  public KeyedRecord() {}

  public KeyedRecord(String topic, String key, String json) {
    this.topic = topic;
    this.key = key;
    this.json = json;
  }

  @Override
  public String toString() {
    return topic + "[" + key + "] " + json;
  }
}
