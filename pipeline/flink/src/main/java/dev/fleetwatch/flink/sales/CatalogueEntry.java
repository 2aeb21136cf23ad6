package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.ContractReader;
import dev.fleetwatch.flink.common.KafkaRecord;

/**
 * One record of the compacted `bookstore` or `book` table (lib/contracts/sales.ts bookstoreSchema,
 * bookSchema); a record without value (tombstone) removes the key.
 */
public class CatalogueEntry {
  public static final String BOOKSTORE_TOPIC = "bookstore";
  public static final String BOOK_TOPIC = "book";

  public String topic;
  public String key;
  /** Null for a tombstone. */
  public StoreRef store;
  public String genre;

  public CatalogueEntry() {}

  public boolean isBookstore() {
    return BOOKSTORE_TOPIC.equals(topic);
  }

  public boolean isTombstone() {
    return store == null && genre == null;
  }

  public record Outcome(CatalogueEntry entry, String reason) {}

  public static Outcome parse(KafkaRecord record) {
    CatalogueEntry entry = new CatalogueEntry();
    entry.topic = record.topic;
    entry.key = record.keyString();
    if (entry.key == null || entry.key.isEmpty()) return new Outcome(null, "empty: " + record.topic + " record has no key");
    if (record.value == null || record.value.length == 0) return new Outcome(entry, null);
    ContractReader.Parsed parsed = ContractReader.parse(record.value);
    if (parsed.reader() == null) return new Outcome(null, parsed.reason());
    ContractReader json = parsed.reader();
    if (entry.isBookstore()) {
      entry.store = new StoreRef(entry.key, json.string("name", 0, Integer.MAX_VALUE), json.string("city", 0, Integer.MAX_VALUE), json.string("state", 0, Integer.MAX_VALUE));
    } else {
      json.string("title", 0, Integer.MAX_VALUE);
      entry.genre = json.string("genre", 0, Integer.MAX_VALUE);
      json.string("author", 0, Integer.MAX_VALUE);
    }
    if (json.problem() != null) return new Outcome(null, json.problem());
    return new Outcome(entry, null);
  }
}
