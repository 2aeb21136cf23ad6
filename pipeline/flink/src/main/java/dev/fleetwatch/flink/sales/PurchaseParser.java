package dev.fleetwatch.flink.sales;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.ContractReader;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code purchase} records to {@link Purchase}, by the rules of lib/contracts/sales.ts: string
 * numbers as the MSK Data Generator writes them, the three timestamp forms, and a believable time.
 * Never throws: every record is a purchase or a reason starting with its kind (empty, not-json,
 * contract, timestamp, implausible-timestamp).
 */
public final class PurchaseParser {
  /** A year-3000 timestamp would drag the watermark forward and make every honest purchase late. */
  static final long EARLIEST_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  /** A day, not minutes: the simulator's speed-up runs event time ahead of the wall clock. */
  static final long MAX_AHEAD_MS = 24 * 3_600_000L;

  private PurchaseParser() {}

  public record Outcome(Purchase purchase, String reason) {}

  public static Outcome parse(KafkaRecord record, long now) {
    ContractReader.Parsed parsed = ContractReader.parse(record.value);
    if (parsed.reader() == null) return rejected(parsed.reason());
    ContractReader json = parsed.reader();
    String bookId = json.string("book_id", 1, Integer.MAX_VALUE);
    String bookstoreId = json.string("bookstore_id", 1, Integer.MAX_VALUE);
    json.string("customer", 0, Integer.MAX_VALUE);
    double quantity = json.numberOrNumericString("quantity");
    double unitPrice = json.numberOrNumericString("unit_price");
    if (quantity != Math.rint(quantity) || quantity <= 0) {
      if (!Double.isNaN(quantity)) json.refuse("quantity", "expected a positive whole number");
    }
    if (unitPrice < 0) json.refuse("unit_price", "expected a number >= 0");
    JsonNode timestamp = json.textOrNumber("timestamp");
    if (json.problem() != null) return rejected(json.problem());

    EventTimes.Result time = timestamp.isNumber() ? EventTimes.parseNumber(timestamp.doubleValue()) : EventTimes.parseText(timestamp.asText());
    if (!time.ok()) return rejected(time.reason());
    if (time.value() < EARLIEST_MS || time.value() > now + MAX_AHEAD_MS) {
      return rejected("implausible-timestamp: " + Instant.ofEpochMilli(time.value()) + " is before 2000 or more than a day ahead");
    }
    Purchase purchase = new Purchase();
    purchase.id = purchaseId(record);
    purchase.bookId = bookId;
    purchase.bookstoreId = bookstoreId;
    purchase.quantity = (int) quantity;
    purchase.revenueCents = revenueCents((int) quantity, unitPrice);
    purchase.eventTime = time.value();
    purchase.source = record;
    return new Outcome(purchase, null);
  }

  /** Event time for the watermark, read before the full parse; {@code Long.MIN_VALUE} (never advances it) when unreadable or implausible. */
  public static long eventTimeOrMin(KafkaRecord record, long now) {
    Outcome outcome = parse(record, now);
    return outcome.purchase() == null ? Long.MIN_VALUE : outcome.purchase().eventTime;
  }

  /** quantity × unit price in cents, rounded once per line as lib/contracts' consumers do: every sum stays exact. */
  public static long revenueCents(int quantity, double unitPrice) {
    return Math.round(quantity * unitPrice * 100);
  }

  /** The record key is the purchase id; a keyless record is identified by its bytes, so a byte-identical retry still counts once. */
  static String purchaseId(KafkaRecord record) {
    if (record.key != null && record.key.length > 0) return new String(record.key, StandardCharsets.UTF_8);
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record.value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Outcome rejected(String reason) {
    return new Outcome(null, reason);
  }
}
