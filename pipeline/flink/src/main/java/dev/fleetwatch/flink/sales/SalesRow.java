package dev.fleetwatch.flink.sales;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A row of {@code bookstore.sales-per-minute} (lib/contracts/sales.ts salesPerMinuteSchema),
 * keyed {@code bookstoreId|windowStart}. Times print as JavaScript's toISOString does (always with
 * milliseconds), so the keys equal the ones the BFF and earlier rows use.
 */
@JsonPropertyOrder({"windowStart", "windowEnd", "bookstoreId", "name", "city", "state", "orders", "units", "revenue", "final", "genres"})
public class SalesRow {
  public static final String TOPIC = "bookstore.sales-per-minute";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** As the TypeScript processor sorted with localeCompare: case does not split the list. */
  private static final Comparator<String> GENRE_ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  public String windowStart;
  public String windowEnd;
  public String bookstoreId;
  public String name;
  public String city;
  public String state;
  public long orders;
  public long units;
  public double revenue;
  /** {@code final} is a Java keyword: the field keeps the contract's name in JSON. */
  @JsonProperty("final")
  public boolean finalRow;
  public List<GenreSales> genres;

  @JsonPropertyOrder({"genre", "orders", "units", "revenue"})
  public record GenreSales(String genre, long orders, long units, double revenue) {}

  static SalesRow of(long windowStart, WindowTotals totals, boolean isFinal) {
    SalesRow row = new SalesRow();
    row.windowStart = iso(windowStart);
    row.windowEnd = iso(windowStart + SalesOptions.WINDOW_MS);
    row.bookstoreId = totals.store.bookstoreId;
    row.name = totals.store.name;
    row.city = totals.store.city;
    row.state = totals.store.state;
    row.orders = totals.orders;
    row.units = totals.units;
    row.revenue = totals.revenueCents / 100.0;
    row.finalRow = isFinal;
    row.genres = new ArrayList<>();
    totals.genres.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(GENRE_ORDER))
        .forEach(e -> row.genres.add(new GenreSales(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2] / 100.0)));
    return row;
  }

  public static String iso(long epochMs) {
    return ISO.format(Instant.ofEpochMilli(epochMs));
  }

  public String key() {
    return bookstoreId + "|" + windowStart;
  }

  KeyedRecord toRecord() {
    return new KeyedRecord(TOPIC, key(), Json.write(this));
  }
}
