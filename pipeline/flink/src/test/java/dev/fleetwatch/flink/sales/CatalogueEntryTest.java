package dev.fleetwatch.flink.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bookstore and book tables as the job reads them, held against their contracts. */
class CatalogueEntryTest {
  private static CatalogueEntry.Outcome parse(String topic, String key, String json) {
    return CatalogueEntry.parse(new KafkaRecord(topic, 0, 0, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsAStoreAndABookAsTheirContractsDescribeThem() {
    String store = "{\"name\":\"A Books\",\"city\":\"Springfield\",\"state\":\"Oregon\"}";
    String book = "{\"title\":\"Kafka on the Shore\",\"genre\":\"Fiction\",\"author\":\"H. M.\"}";
    ContractAssert.assertMatches("bookstore", store);
    ContractAssert.assertMatches("book", book);
    CatalogueEntry entry = parse("bookstore", "store-a", store).entry();
    assertEquals("A Books", entry.store.name);
    assertEquals("Springfield", entry.store.city);
    assertEquals("store-a", entry.store.bookstoreId);
    assertEquals("Fiction", parse("book", "b1", book).entry().genre);
  }

  @Test
  void aRecordWithoutValueRemovesItsKey() {
    assertTrue(parse("bookstore", "store-a", null).entry().isTombstone());
  }

  @Test
  void refusesWhatTheContractRefusesWithAReason() {
    String wrong = "{\"name\":\"A Books\",\"city\":3}";
    assertTrue(!ContractAssert.problems("bookstore", wrong).isEmpty());
    CatalogueEntry.Outcome outcome = parse("bookstore", "store-a", wrong);
    assertNull(outcome.entry());
    assertEquals("contract: city: expected string; state: required string", outcome.reason());
    assertTrue(parse("book", "b1", "{oops").reason().startsWith("not-json: "));
    assertEquals("empty: bookstore record has no key", parse("bookstore", null, "{}").reason());
  }
}
