package dev.fleetwatch.flink.sales;

import static dev.fleetwatch.flink.sales.SalesFixtures.MINUTE;
import static dev.fleetwatch.flink.sales.SalesFixtures.purchaseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The whole job between its Kafka source and sinks, on a local Flink at parallelism 2: every
 * operator, the broadcast tables, the keyed exchanges and the state serializers as they run.
 * Bounded input: its end moves the watermark to the end of time, so every minute closes.
 */
class SalesPipelineTest {
  private static final long T0 = SalesFixtures.T0;
  private static final List<String> STORES = List.of("store-a", "store-b", "store-c");
  private static final int PURCHASES = 60;
  /** Unreadable records after the purchases: a few seconds of input for the unknown store's wait to run out. */
  private static final int TAIL = 150;

  /** Purchase i: store i % 3, minute i % 2 (in order of event time per minute), i % 4 + 1 books at 10.25 each. */
  private static KafkaRecord purchase(long i) {
    String json = purchaseJson(STORES.get((int) (i % 3)), "b1", String.valueOf(i % 4 + 1), "10.25", T0 + (i % 2) * MINUTE + i * 100);
    return record("purchase", "p-" + i, json);
  }

  private static KafkaRecord input(long index) {
    if (index < PURCHASES) return purchase(index);
    if (index == PURCHASES) return purchase(7); // a producer retry: same key, same bytes
    if (index == PURCHASES + 1) return record("purchase", "p-x", purchaseJson("never-written", "b1", "2", "5", T0 + 30_000));
    return record("purchase", "bad-" + index, "{\"book_id\":");
  }

  private static KafkaRecord record(String topic, String key, String json) {
    return new KafkaRecord(topic, 0, 0, 0, key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesExactlyOneFinalRowPerStoreAndMinuteEqualToTheInputAtParallelismTwo() throws Exception {
    SalesOptions options = new SalesOptions(30_000, 1_000, 600_000, 2_000, 15_000);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataGeneratorSource<KafkaRecord> purchases = new DataGeneratorSource<>(SalesPipelineTest::input, PURCHASES + 2 + TAIL,
        RateLimiterStrategy.perSecond(50), TypeInformation.of(KafkaRecord.class));
    List<KafkaRecord> tables = new ArrayList<>();
    for (String store : STORES) tables.add(record("bookstore", store, "{\"name\":\"" + store + " books\",\"city\":\"Springfield\",\"state\":\"Oregon\"}"));
    tables.add(record("book", "b1", "{\"title\":\"t\",\"genre\":\"Horror\",\"author\":\"a\"}"));
    SalesJob.Outputs outputs = SalesJob.pipeline(
        env.fromSource(purchases, PurchaseWatermarks.strategy(options), "purchases").setParallelism(1),
        env.fromData(tables).assignTimestampsAndWatermarks(PurchaseWatermarks.tables()), options);
    DataStream<String> results = outputs.rows().map(row -> "row " + row.key + " " + row.json).returns(Types.STRING)
        .union(outputs.deadLetters().map(letter -> "dlq " + letter.reason).returns(Types.STRING));

    Map<String, long[]> finals = new TreeMap<>();
    int deadLetters = 0;
    try (CloseableIterator<String> out = results.executeAndCollect()) {
      while (out.hasNext()) {
        String line = out.next();
        if (line.startsWith("dlq ")) {
          assertEquals(true, line.startsWith("dlq not-json: "), line);
          deadLetters++;
          continue;
        }
        String[] parts = line.split(" ", 3);
        ContractAssert.assertMatches(SalesRow.TOPIC, parts[2]);
        JsonNode row = Json.MAPPER.readTree(parts[2]);
        if (!row.get("final").asBoolean()) continue;
        long[] previous = finals.put(parts[1], new long[] {row.get("orders").asLong(), row.get("units").asLong(), Math.round(row.get("revenue").asDouble() * 100)});
        assertEquals(null, previous, "a second final row for " + parts[1]);
      }
    }

    Map<String, long[]> expected = new TreeMap<>();
    for (long i = 0; i < PURCHASES; i++) {
      String key = STORES.get((int) (i % 3)) + "|" + SalesRow.iso(T0 + (i % 2) * MINUTE);
      long[] totals = expected.computeIfAbsent(key, k -> new long[3]);
      totals[0] += 1;
      totals[1] += i % 4 + 1;
      totals[2] += PurchaseParser.revenueCents((int) (i % 4 + 1), 10.25);
    }
    expected.put("unknown|" + SalesRow.iso(T0), new long[] {1, 2, 1_000});
    assertEquals(describe(expected), describe(finals));
    assertEquals(TAIL, deadLetters);
  }

  private static String describe(Map<String, long[]> rows) {
    StringBuilder text = new StringBuilder();
    rows.forEach((key, totals) -> text.append(key).append(' ').append(totals[0]).append('/').append(totals[1]).append('/').append(totals[2]).append('\n'));
    return text.toString();
  }
}
