package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.KafkaRecord;

/** One purchase, parsed (lib/contracts/sales.ts purchaseSchema): money in cents, so sums are exact. */
public class Purchase {
  /** The record's key (the generator's purchase id): what a producer retry repeats. */
  public String id;
  public String bookId;
  public String bookstoreId;
  public int quantity;
  public long revenueCents;
  public long eventTime;
  /** The bytes as read, for the dead-letter topic if the purchase is rejected later (too late). */
  public KafkaRecord source;

  public Purchase() {}
}
