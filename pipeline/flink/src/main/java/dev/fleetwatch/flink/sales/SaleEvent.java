package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.KafkaRecord;

/**
 * What the resolver tells a store's windows. A purchase waiting for its store (or book) first
 * HOLDs its minute open, so the minute cannot close without it; once resolved it is a LINE for
 * the store it counts under, then a RELEASE of every hold it placed. The three travel on one
 * keyed channel, so a store's windows see them in that order.
 */
public class SaleEvent {
  public enum Kind { HOLD, LINE, RELEASE }

  public Kind kind;
  /** The store whose windows this is for: the key of the window stage. */
  public String storeKey;
  public long eventTime;
  /** LINE only: the store's names, the book's genre, the figures, and the bytes for a too-late dead letter. */
  public StoreRef store;
  public String genre;
  public int quantity;
  public long revenueCents;
  public KafkaRecord source;

  public SaleEvent() {}

  static SaleEvent hold(String storeKey, long eventTime) {
    return marker(Kind.HOLD, storeKey, eventTime);
  }

  static SaleEvent release(String storeKey, long eventTime) {
    return marker(Kind.RELEASE, storeKey, eventTime);
  }

  static SaleEvent line(Purchase purchase, StoreRef store, String genre) {
    SaleEvent event = marker(Kind.LINE, store.bookstoreId, purchase.eventTime);
    event.store = store;
    event.genre = genre;
    event.quantity = purchase.quantity;
    event.revenueCents = purchase.revenueCents;
    event.source = purchase.source;
    return event;
  }

  private static SaleEvent marker(Kind kind, String storeKey, long eventTime) {
    SaleEvent event = new SaleEvent();
    event.kind = kind;
    event.storeKey = storeKey;
    event.eventTime = eventTime;
    return event;
  }
}
