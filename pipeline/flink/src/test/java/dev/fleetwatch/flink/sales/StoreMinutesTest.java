package dev.fleetwatch.flink.sales;

import static dev.fleetwatch.flink.sales.SalesFixtures.LATENESS;
import static dev.fleetwatch.flink.sales.SalesFixtures.MINUTE;
import static dev.fleetwatch.flink.sales.SalesFixtures.OPTIONS;
import static dev.fleetwatch.flink.sales.SalesFixtures.STORE_A;
import static dev.fleetwatch.flink.sales.SalesFixtures.STORE_B;
import static dev.fleetwatch.flink.sales.SalesFixtures.T0;
import static dev.fleetwatch.flink.sales.SalesFixtures.WALL;
import static dev.fleetwatch.flink.sales.SalesFixtures.iso;
import static dev.fleetwatch.flink.sales.SalesFixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.contracts.ContractAssert;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window stage, as the TypeScript SalesWindows tests pinned it (pipeline/processors/sales/windows.test.ts). */
class StoreMinutesTest {
  private KeyedOneInputStreamOperatorTestHarness<String, SaleEvent, KeyedRecord> harness;
  private int read;

  @BeforeEach
  void open() throws Exception {
    harness = harness(null);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SaleEvent, KeyedRecord> harness(OperatorSubtaskState restoreFrom) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, SaleEvent, KeyedRecord> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StoreMinutes(OPTIONS)), event -> event.storeKey, Types.STRING);
    h.setProcessingTime(WALL);
    if (restoreFrom != null) h.initializeState(restoreFrom);
    h.open();
    return h;
  }

  /** What the processor does with one purchase: count it, then let the watermark move on to it (as a partition's newest time). */
  private void offer(SaleEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
    watermark(event.eventTime);
  }

  private long watermark = Long.MIN_VALUE;

  private void watermark(long time) throws Exception {
    if (time > watermark) {
      watermark = time;
      harness.processWatermark(time);
    }
  }

  /** Rows written since the last call. */
  private List<JsonNode> rows() throws Exception {
    List<KeyedRecord> all = harness.extractOutputValues();
    List<JsonNode> rows = new ArrayList<>();
    for (KeyedRecord record : all.subList(read, all.size())) {
      JsonNode row = Json.MAPPER.readTree(record.json);
      assertEquals(SalesRow.TOPIC, record.topic);
      ContractAssert.assertMatches(record.topic, record.json);
      assertEquals(row.get("bookstoreId").asText() + "|" + row.get("windowStart").asText(), record.key);
      rows.add(row);
    }
    read = all.size();
    return rows;
  }

  private static List<JsonNode> finals(List<JsonNode> rows) {
    return rows.stream().filter(row -> row.get("final").asBoolean()).collect(Collectors.toList());
  }

  private static List<JsonNode> partials(List<JsonNode> rows) {
    return rows.stream().filter(row -> !row.get("final").asBoolean()).collect(Collectors.toList());
  }

  private List<String> tooLate() {
    return harness.getSideOutput(DeadLetter.TAG) == null ? List.of()
        : harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).map(letter -> letter.reason).collect(Collectors.toList());
  }

  @Test
  void aLateEventInsideTheAllowedLatenessUpdatesItsMinute() throws Exception {
    offer(line(T0 + 50_000, 2, 10));
    offer(line(T0 + MINUTE + 20_000)); // next minute, watermark at 1:20
    offer(line(T0 + 59_000, 3, 5)); // 21 s late: within 30 s
    assertEquals(List.of(), finals(rows()));
    offer(line(T0 + MINUTE + LATENESS)); // watermark reaches end + lateness
    List<JsonNode> closed = finals(rows());
    assertEquals(1, closed.size());
    JsonNode row = closed.get(0);
    assertEquals(iso(T0), row.get("windowStart").asText());
    assertEquals(iso(T0 + MINUTE), row.get("windowEnd").asText());
    assertEquals(2, row.get("orders").asLong());
    assertEquals(5, row.get("units").asLong());
    assertEquals(35.0, row.get("revenue").asDouble());
    assertEquals(List.of(), tooLate());
  }

  @Test
  void anEventBeyondTheAllowedLatenessIsReportedTooLateAndChangesNothing() throws Exception {
    offer(line(T0 + 10_000));
    offer(line(T0 + MINUTE + LATENESS + 1_000));
    assertEquals(1, finals(rows()).size());
    offer(line(T0 + 30_000, 5, 75));
    assertEquals(1, tooLate().size());
    assertTrue(tooLate().get(0).startsWith("too-late: event time 2026-11-22T14:00:30Z is beyond the allowed lateness of 30 s"), tooLate().get(0));
    harness.setProcessingTime(WALL + 2_000);
    List<JsonNode> rows = rows();
    assertEquals(List.of(), finals(rows));
    assertEquals(1, rows.size());
    assertEquals(iso(T0 + MINUTE), rows.get(0).get("windowStart").asText());
    assertEquals(1, rows.get(0).get("orders").asLong());
  }

  @Test
  void aWindowClosesExactlyOnceHoweverOftenItIsCollected() throws Exception {
    offer(line(T0 + 1_000));
    offer(line(T0 + 5 * MINUTE));
    for (int i = 1; i <= 5; i++) {
      harness.setProcessingTime(WALL + i * 2_000);
      watermark(T0 + 5 * MINUTE + i);
    }
    long closedT0 = finals(rows()).stream().filter(row -> row.get("windowStart").asText().equals(iso(T0))).count();
    assertEquals(1, closedT0);
  }

  @Test
  void writesPartialResultsOfOpenMinutesOnlyForStoresThatChangedSinceTheLastOne() throws Exception {
    offer(line(T0 + 1_000));
    offer(line(T0 + 2_000, 1, 10, STORE_B, "Fantasy"));
    harness.setProcessingTime(WALL + 2_000);
    assertEquals(List.of("store-a", "store-b"), partials(rows()).stream().map(row -> row.get("bookstoreId").asText()).sorted().toList());
    offer(line(T0 + 3_000, 1, 10, STORE_B, "Fantasy"));
    harness.setProcessingTime(WALL + 4_000);
    List<JsonNode> partials = partials(rows());
    assertEquals(1, partials.size());
    assertEquals("store-b", partials.get(0).get("bookstoreId").asText());
    assertEquals(2, partials.get(0).get("orders").asLong());
    assertEquals("B Books", partials.get(0).get("name").asText());
    harness.setProcessingTime(WALL + 6_000);
    assertEquals(List.of(), rows());
  }

  @Test
  void stopsWaitingWhenEveryPartitionIsQuietAndClosesTheLastMinutesAtWallSpeed() throws Exception {
    offer(line(T0 + 1_000));
    harness.setProcessingTime(WALL + 10_000);
    assertEquals(List.of(), finals(rows()));
    // No watermark moved since; event time runs on at wall speed: 1:21 is not yet past 1:30.
    harness.setProcessingTime(WALL + 80_000);
    assertEquals(List.of(), finals(rows()));
    harness.setProcessingTime(WALL + 100_000);
    assertEquals(1, finals(rows()).size());
  }

  @Test
  void holdsAMinuteOpenWhileAPurchaseWaitsForItsStoreThenCountsIt() throws Exception {
    offer(line(T0 + 1_000));
    harness.processElement(SaleEvent.hold("store-a", T0 + 2_000), T0 + 2_000);
    offer(line(T0 + 5 * MINUTE));
    assertTrue(finals(rows()).stream().noneMatch(row -> row.get("windowStart").asText().equals(iso(T0))));
    harness.processElement(line(T0 + 2_000, 4, 20), T0 + 2_000);
    harness.processElement(SaleEvent.release("store-a", T0 + 2_000), T0 + 2_000);
    List<JsonNode> closed = finals(rows());
    assertEquals(1, closed.size());
    assertEquals(iso(T0), closed.get(0).get("windowStart").asText());
    assertEquals(2, closed.get(0).get("orders").asLong());
    assertEquals(5, closed.get(0).get("units").asLong());
    assertEquals(90.0, closed.get(0).get("revenue").asDouble());
    assertEquals(List.of(), tooLate());
  }

  @Test
  void aHoldWhosePurchaseCountedElsewhereLeavesNoRow() throws Exception {
    harness.processElement(SaleEvent.hold("store-x", T0 + 2_000), T0 + 2_000);
    watermark(T0 + 5 * MINUTE);
    harness.processElement(SaleEvent.release("store-x", T0 + 2_000), T0 + 2_000);
    harness.setProcessingTime(WALL + 2_000);
    assertEquals(List.of(), rows());
  }

  @Test
  void addsMoneyInCentsSoDecimalPricesSumExactly() throws Exception {
    for (int i = 0; i < 10; i++) offer(line(T0 + i, 1, 0.1));
    offer(line(T0 + 3, 3, 42.99));
    offer(line(T0 + 5 * MINUTE));
    assertEquals(129.97, finals(rows()).get(0).get("revenue").asDouble());
  }

  @Test
  void splitsEachMinuteByGenre() throws Exception {
    offer(line(T0 + 1_000, 2, 10, STORE_A, "Horror"));
    offer(line(T0 + 2_000, 1, 7.5, STORE_A, "fantasy"));
    offer(line(T0 + 3_000, 3, 10, STORE_A, "Horror"));
    offer(line(T0 + 4_000, 1, 1, STORE_A, "unknown"));
    offer(line(T0 + 5 * MINUTE));
    JsonNode row = finals(rows()).get(0);
    assertEquals("[{\"genre\":\"fantasy\",\"orders\":1,\"units\":1,\"revenue\":7.5},{\"genre\":\"Horror\",\"orders\":2,\"units\":5,\"revenue\":50.0},"
        + "{\"genre\":\"unknown\",\"orders\":1,\"units\":1,\"revenue\":1.0}]", row.get("genres").toString());
    assertEquals(58.5, row.get("revenue").asDouble());
  }

  @Test
  void writesRowsInTheContractsShapeKeyedByStoreAndMinute() throws Exception {
    offer(line(T0 + 1_000, 2, 10));
    offer(line(T0 + 5 * MINUTE));
    KeyedRecord record = harness.extractOutputValues().get(0);
    ContractAssert.assertMatches(record.topic, record.json);
    assertEquals("store-a|2026-11-22T14:00:00.000Z", record.key);
    assertEquals("{\"windowStart\":\"2026-11-22T14:00:00.000Z\",\"windowEnd\":\"2026-11-22T14:01:00.000Z\",\"bookstoreId\":\"store-a\",\"name\":\"A Books\","
        + "\"city\":\"Springfield\",\"state\":\"Oregon\",\"orders\":1,\"units\":2,\"revenue\":20.0,\"final\":true,"
        + "\"genres\":[{\"genre\":\"Fantasy\",\"orders\":1,\"units\":2,\"revenue\":20.0}]}", record.json);
  }

  @Test
  void aRestoredJobClosesTheMinuteItWasCountingWithEveryPurchaseOfIt() throws Exception {
    offer(line(T0 + 1_000, 2, 10));
    offer(line(T0 + 20_000, 1, 10));
    OperatorSubtaskState checkpoint = harness.snapshot(1, WALL);
    harness.close();
    harness = harness(checkpoint);
    read = 0;
    watermark = Long.MIN_VALUE;
    offer(line(T0 + 40_000, 1, 10));
    offer(line(T0 + 5 * MINUTE));
    JsonNode row = finals(rows()).get(0);
    assertEquals(3, row.get("orders").asLong());
    assertEquals(40.0, row.get("revenue").asDouble());
  }
}
