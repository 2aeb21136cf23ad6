package dev.fleetwatch.flink.sales;

import static dev.fleetwatch.flink.sales.SalesFixtures.T0;
import static dev.fleetwatch.flink.sales.SalesFixtures.purchaseJson;
import static dev.fleetwatch.flink.sales.SalesFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.contracts.ContractAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Purchases as the MSK Data Generator writes them, and every way one can be unreadable. */
class PurchaseParserTest {
  private static final long NOW = T0 + 60_000;

  private static PurchaseParser.Outcome parse(String json) {
    return PurchaseParser.parse(record("p1", json), NOW);
  }

  private static String reason(String json) {
    PurchaseParser.Outcome outcome = parse(json);
    assertNull(outcome.purchase(), json);
    return outcome.reason();
  }

  /** Rejected for its shape here, and by the contract too (lib/contracts/sales.ts purchaseSchema): the two sides agree. */
  private static String contractReason(String json) {
    String reason = reason(json);
    assertTrue(!ContractAssert.problems("purchase", json).isEmpty(), "the contract accepts what the job rejects: " + json);
    return reason;
  }

  @Test
  void readsStringNumbersAndAllThreeTimestampFormsIntoTheSameMinute() {
    List<Object> forms = List.of("Sun Nov 22 14:00:27 UTC 2026", "Sun Nov 22 06:00:27 PST 2026", "2026-11-22T14:00:27.000Z", String.valueOf(T0 + 27_000), T0 + 27_000);
    for (Object form : forms) {
      String json = purchaseJson("store-a", "b1", "3", "42", form);
      ContractAssert.assertMatches("purchase", json);
      Purchase purchase = parse(json).purchase();
      assertEquals(T0 + 27_000, purchase.eventTime, String.valueOf(form));
      assertEquals(3, purchase.quantity);
      assertEquals(12_600, purchase.revenueCents);
      assertEquals("p1", purchase.id);
      assertEquals("store-a", purchase.bookstoreId);
      assertEquals("b1", purchase.bookId);
    }
  }

  @Test
  void rejectsUnreadableAndImplausibleTimesWithAReason() {
    assertTrue(reason(purchaseJson("s", "b", "1", "1", "soon")).startsWith("timestamp: \"soon\""));
    assertTrue(reason(purchaseJson("s", "b", "1", "1", "3026-01-01T00:00:00Z")).startsWith("implausible-timestamp: "));
    assertTrue(reason(purchaseJson("s", "b", "1", "1", "Sat Jan 01 00:00:00 UTC 1994")).startsWith("implausible-timestamp: "));
    assertTrue(reason(purchaseJson("s", "b", "1", "1", 1_700_000_000)).startsWith("timestamp: 1700000000 is not epoch milliseconds"));
  }

  @Test
  void rejectsMalformedJsonWrongTypesAndEmptyMessagesWithTheirKind() {
    assertTrue(reason("{\"book_id\":").startsWith("not-json: "));
    assertEquals("empty: message has no value", PurchaseParser.parse(record("p1", null), NOW).reason());
    assertTrue(contractReason("[1,2]").startsWith("contract: "));
    assertTrue(contractReason(purchaseJson("s", "b", "three", "1", T0)).startsWith("contract: quantity: not a number"));
    assertTrue(reason(purchaseJson("s", "b", "1.5", "1", T0)).startsWith("contract: quantity: expected a positive whole number"));
    assertTrue(reason(purchaseJson("s", "b", 0, "1", T0)).startsWith("contract: quantity: expected a positive whole number"));
    assertTrue(reason(purchaseJson("s", "b", "1", "-2", T0)).startsWith("contract: unit_price: expected a number >= 0"));
    assertTrue(contractReason(purchaseJson("", "b", "1", "1", T0)).startsWith("contract: bookstore_id: too short: at least 1 characters"));
    assertTrue(contractReason("{\"book_id\":\"b\",\"bookstore_id\":7,\"customer\":\"c\",\"quantity\":1,\"unit_price\":1,\"timestamp\":true}")
        .equals("contract: bookstore_id: expected string; timestamp: expected a non-empty string or a number"));
  }

  @Test
  void addsMoneyInCentsRoundedOncePerLine() {
    assertEquals(12_897, PurchaseParser.revenueCents(3, 42.99));
    assertEquals(10, PurchaseParser.revenueCents(1, 0.1));
  }

  @Test
  void identifiesAKeylessPurchaseByItsBytesSoAByteIdenticalRetryMatches() {
    String json = purchaseJson("store-a", "b1", "1", "10", T0);
    String first = PurchaseParser.parse(record(null, json), NOW).purchase().id;
    assertEquals(first, PurchaseParser.parse(record(null, json), NOW).purchase().id);
    assertTrue(first.startsWith("sha256:"));
    assertTrue(!first.equals(PurchaseParser.parse(record(null, purchaseJson("store-a", "b1", "2", "10", T0)), NOW).purchase().id));
  }
}
