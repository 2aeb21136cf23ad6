package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Purchases, lines and settings the sales tests share. */
final class SalesFixtures {
  static final long T0 = Instant.parse("2026-11-22T14:00:00Z").toEpochMilli();
  static final long MINUTE = SalesOptions.WINDOW_MS;
  static final long LATENESS = 30_000;
  static final long WALL = 1_000_000;
  static final StoreRef STORE_A = new StoreRef("store-a", "A Books", "Springfield", "Oregon");
  static final StoreRef STORE_B = new StoreRef("store-b", "B Books", "Shelbyville", "Oregon");
  /** As the README's defaults, with a 30 s lateness (the TypeScript tests' value). */
  static final SalesOptions OPTIONS = new SalesOptions(LATENESS, 15_000, 600_000, 2_000, 15_000);

  private SalesFixtures() {}

  static KafkaRecord record(String key, String json) {
    return new KafkaRecord("purchase", 0, 0, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8), json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  static String purchaseJson(String bookstoreId, String bookId, Object quantity, Object unitPrice, Object timestamp) {
    return "{\"book_id\":" + quote(bookId) + ",\"bookstore_id\":" + quote(bookstoreId) + ",\"customer\":\"jdoe\",\"quantity\":" + quote(quantity)
        + ",\"unit_price\":" + quote(unitPrice) + ",\"timestamp\":" + quote(timestamp) + "}";
  }

  static Purchase purchase(String id, String bookstoreId, String bookId, int quantity, double unitPrice, long eventTime) {
    PurchaseParser.Outcome outcome = PurchaseParser.parse(record(id, purchaseJson(bookstoreId, bookId, quantity, unitPrice, eventTime)), eventTime);
    if (outcome.purchase() == null) throw new IllegalArgumentException(outcome.reason());
    return outcome.purchase();
  }

  /** One purchase, joined: what a store's windows add up. */
  static SaleEvent line(long eventTime, int quantity, double unitPrice, StoreRef store, String genre) {
    return SaleEvent.line(purchase("p-" + eventTime + "-" + quantity, store.bookstoreId, "b1", quantity, unitPrice, eventTime), store, genre);
  }

  static SaleEvent line(long eventTime, int quantity, double unitPrice) {
    return line(eventTime, quantity, unitPrice, STORE_A, "Fantasy");
  }

  static SaleEvent line(long eventTime) {
    return line(eventTime, 1, 10);
  }

  static CatalogueEntry storeEntry(StoreRef store) {
    CatalogueEntry entry = new CatalogueEntry();
    entry.topic = CatalogueEntry.BOOKSTORE_TOPIC;
    entry.key = store.bookstoreId;
    entry.store = store;
    return entry;
  }

  static CatalogueEntry bookEntry(String bookId, String genre) {
    CatalogueEntry entry = new CatalogueEntry();
    entry.topic = CatalogueEntry.BOOK_TOPIC;
    entry.key = bookId;
    entry.genre = genre;
    return entry;
  }

  static String iso(long epochMs) {
    return SalesRow.iso(epochMs);
  }

  private static String quote(Object value) {
    return value instanceof String text ? "\"" + text.replace("\"", "\\\"") + "\"" : String.valueOf(value);
  }
}
