package dev.fleetwatch.flink.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContractAssertTest {
  private static final String SALES_ROW = "{\"windowStart\":\"2026-11-22T14:03:00.000Z\",\"windowEnd\":\"2026-11-22T14:04:00.000Z\","
      + "\"bookstoreId\":\"store-1\",\"name\":\"Powell's\",\"city\":\"Portland\",\"state\":\"OR\",\"orders\":2,\"units\":3,"
      + "\"revenue\":42.5,\"final\":true,\"genres\":[{\"genre\":\"fiction\",\"orders\":2,\"units\":3,\"revenue\":42.5}]}";

  @Test
  void validRecordsOfEveryKindPass() {
    assertDoesNotThrow(() -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW));
    // The MSK Data Generator's numbers as strings and its Java Date text are what `purchase` carries.
    assertDoesNotThrow(() -> ContractAssert.assertMatches("purchase",
        "{\"book_id\":\"b1\",\"bookstore_id\":\"s1\",\"customer\":\"jdoe\",\"quantity\":\"3\",\"unit_price\":\"42.5\","
            + "\"timestamp\":\"Sun Nov 22 14:03:27 UTC 2026\"}"));
    assertDoesNotThrow(() -> ContractAssert.assertMatches("fleet.anomalies",
        "{\"alertId\":\"anomaly:cab-0001:engineTempC:1\",\"kind\":\"anomaly\",\"team\":\"fleet\",\"vehicleId\":\"cab-0001\","
            + "\"metric\":\"engineTempC\",\"value\":131.5,\"normal\":{\"mean\":90,\"std\":4},\"startedAt\":1795000000000,"
            + "\"detectedAt\":1795000010000,\"severity\":\"critical\",\"state\":\"firing\"}"));
    assertDoesNotThrow(() -> ContractAssert.assertMatches("campus.zone-occupancy",
        "{\"zoneId\":\"main-hall\",\"name\":\"Main hall\",\"windowStart\":\"2026-11-22T14:00:00Z\",\"windowEnd\":\"2026-11-22T14:15:00Z\","
            + "\"window\":\"15m\",\"uniqueBadges\":12,\"sightings\":40,\"capacity\":200,\"final\":false}"));
  }

  @Test
  void aMissingFieldFailsNamingIt() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW.replace("\"final\":true,", "")));
    assertContains(error, "bookstore.sales-per-minute");
    assertContains(error, "final");
    assertContains(error, "required");
  }

  @Test
  void aRenamedFieldFailsEvenWhenOptional() {
    // zod would strip an unknown field silently; the Java side must hear about the rename instead.
    AssertionError error = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW.replace("\"genres\"", "\"genreBreakdown\"")));
    assertContains(error, "genreBreakdown");
  }

  @Test
  void aWrongTypeOrValueFailsWithItsPath() {
    AssertionError type = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW.replace("\"units\":3,\"revenue\":42.5,\"final\"", "\"units\":\"3\",\"revenue\":42.5,\"final\"")));
    assertContains(type, "/units");
    AssertionError negative = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW.replace("\"orders\":2,\"units\":3,\"revenue\":42.5,\"final\"", "\"orders\":-1,\"units\":3,\"revenue\":42.5,\"final\"")));
    assertContains(negative, "/orders");
    AssertionError window = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("bookstore.sales-per-minute", SALES_ROW.replace("2026-11-22T14:03:00.000Z", "2026-11-22 14:03")));
    assertContains(window, "/windowStart");
    AssertionError kind = assertThrows(AssertionError.class,
        () -> ContractAssert.assertMatches("fleet.anomalies", "{\"alertId\":\"a\",\"kind\":\"anomaly\",\"team\":\"security\"}"));
    assertContains(kind, "fleet.anomalies");
  }

  @Test
  void notJsonAndUnknownTopicsAreClearFailures() {
    AssertionError notJson = assertThrows(AssertionError.class, () -> ContractAssert.assertMatches("purchase", "{oops"));
    assertContains(notJson, "not JSON");
    AssertionError unknown = assertThrows(AssertionError.class, () -> ContractAssert.assertMatches("no.such.topic", "{}"));
    assertContains(unknown, "no contract for topic \"no.such.topic\"");
  }

  private static void assertContains(AssertionError error, String expected) {
    assertTrue(error.getMessage().contains(expected), () -> "expected the message to mention \"" + expected + "\":\n" + error.getMessage());
  }
}
