package dev.fleetwatch.flink.sales;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code purchase} records to {@link Purchase}, by the rules of lib/contracts/sales.ts: string
 * numbers as the MSK Data Generator writes them, the three timestamp forms, and a believable time.
 * Never throws: every record is a purchase or a reason starting with its kind (empty, not-json,
 * contract, timestamp, implausible-timestamp).
 */
public final class PurchaseParser {
  private static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?$");
  /** A year-3000 timestamp would drag the watermark forward and make every honest purchase late. */
  static final long EARLIEST_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  /** A day, not minutes: the simulator's speed-up runs event time ahead of the wall clock. */
  static final long MAX_AHEAD_MS = 24 * 3_600_000L;

  private PurchaseParser() {}

  public record Outcome(Purchase purchase, String reason) {}

  public static Outcome parse(KafkaRecord record, long now) {
    if (record.value == null || record.value.length == 0) return rejected("empty: message has no value");
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(record.value);
    } catch (Exception e) {
      return rejected("not-json: " + firstLine(e.getMessage()));
    }
    if (json == null || !json.isObject()) return rejected("contract: (root): expected object");
    List<String> issues = new ArrayList<>();
    String bookId = text(json, "book_id", 1, issues);
    String bookstoreId = text(json, "bookstore_id", 1, issues);
    text(json, "customer", 0, issues);
    Double quantity = number(json, "quantity", issues);
    Double unitPrice = number(json, "unit_price", issues);
    if (quantity != null && (quantity != Math.rint(quantity) || quantity <= 0)) issues.add("quantity: expected a positive whole number");
    if (unitPrice != null && unitPrice < 0) issues.add("unit_price: expected a number >= 0");
    JsonNode timestamp = json.get("timestamp");
    boolean timestampShaped = timestamp != null && (timestamp.isNumber() || (timestamp.isTextual() && !timestamp.asText().isEmpty()));
    if (!timestampShaped) issues.add("timestamp: expected a non-empty string or a number");
    if (!issues.isEmpty()) return rejected("contract: " + String.join("; ", issues.subList(0, Math.min(3, issues.size()))));

    EventTimes.Result time = timestamp.isNumber() ? EventTimes.parseNumber(timestamp.doubleValue()) : EventTimes.parseText(timestamp.asText());
    if (!time.ok()) return rejected(time.reason());
    if (time.value() < EARLIEST_MS || time.value() > now + MAX_AHEAD_MS) {
      return rejected("implausible-timestamp: " + Instant.ofEpochMilli(time.value()) + " is before 2000 or more than a day ahead");
    }
    Purchase purchase = new Purchase();
    purchase.id = purchaseId(record);
    purchase.bookId = bookId;
    purchase.bookstoreId = bookstoreId;
    purchase.quantity = quantity.intValue();
    purchase.revenueCents = revenueCents(quantity.intValue(), unitPrice);
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

  private static String text(JsonNode json, String field, int minLength, List<String> issues) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      issues.add(field + ": expected string");
      return null;
    }
    if (node.asText().length() < minLength) issues.add(field + ": expected a non-empty string");
    return node.asText();
  }

  private static Double number(JsonNode json, String field, List<String> issues) {
    JsonNode node = json.get(field);
    if (node != null && node.isNumber()) return node.doubleValue();
    if (node != null && node.isTextual() && NUMERIC.matcher(node.asText().trim()).matches()) return Double.parseDouble(node.asText().trim());
    issues.add(field + (node != null && node.isTextual() ? ": not a number" : ": expected number or numeric string"));
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable JSON";
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static Outcome rejected(String reason) {
    return new Outcome(null, reason);
  }
}
