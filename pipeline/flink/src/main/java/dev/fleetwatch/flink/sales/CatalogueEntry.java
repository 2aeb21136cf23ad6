package dev.fleetwatch.flink.sales;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.ArrayList;
import java.util.List;

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
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(record.value);
    } catch (Exception e) {
      return new Outcome(null, "not-json: " + e.getMessage().lines().findFirst().orElse("unreadable JSON"));
    }
    List<String> fields = entry.isBookstore() ? List.of("name", "city", "state") : List.of("title", "genre", "author");
    List<String> issues = new ArrayList<>();
    for (String field : fields) {
      if (json == null || !json.isObject() || !json.path(field).isTextual()) issues.add(field + ": expected string");
    }
    if (!issues.isEmpty()) return new Outcome(null, "contract: " + String.join("; ", issues));
    if (entry.isBookstore()) entry.store = new StoreRef(entry.key, json.get("name").asText(), json.get("city").asText(), json.get("state").asText());
    else entry.genre = json.get("genre").asText();
    return new Outcome(entry, null);
  }
}
