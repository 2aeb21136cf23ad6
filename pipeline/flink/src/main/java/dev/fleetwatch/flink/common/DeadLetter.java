package dev.fleetwatch.flink.common;

import org.apache.flink.util.OutputTag;

/** Rejected input and why; written byte for byte to {@code dlq.<job>} with the reason in headers. */
public class DeadLetter {
  /** The side output every job routes its rejections to. */
  public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {};

  public KafkaRecord source;
  public String reason;

  public DeadLetter() {}

  public DeadLetter(KafkaRecord source, String reason) {
    this.source = source;
    this.reason = reason;
  }
}
