package dev.fleetwatch.flink.occupancy;

import static dev.fleetwatch.flink.occupancy.Fixtures.CAFE;
import static dev.fleetwatch.flink.occupancy.Fixtures.HALL;
import static dev.fleetwatch.flink.occupancy.Fixtures.LATENESS;
import static dev.fleetwatch.flink.occupancy.Fixtures.SETTINGS;
import static dev.fleetwatch.flink.occupancy.Fixtures.sighting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where each badge is now (live-occupancy.test.ts): the zone operators add up what this writes. */
class BadgePresenceTest {
  static final long NOW = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();
  static final long SPAN = BadgePresence.LIVE_SPAN_MS;

  private KeyedOneInputStreamOperatorTestHarness<String, ZoneEvent, ZoneEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new BadgePresence(SETTINGS), event -> event.badgeId, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** The live count per zone at event time {@code now}: what the zone operators sum when their tick at {@code now} fires. */
  private Map<String, Integer> counts(long now) throws Exception {
    harness.processWatermark(now - LATENESS);
    Map<String, Integer> counts = new TreeMap<>(Map.of(HALL.zoneId, 0, CAFE.zoneId, 0));
    for (ZoneEvent change : harness.extractOutputValues()) counts.merge(change.zoneId, change.kind == ZoneEvent.Kind.ENTER ? 1 : -1, Integer::sum);
    return counts;
  }

  @Test
  void countsAPersonWhoWalkedOnOnceWhereTheyAreNow() throws Exception {
    harness.processElement(sighting(HALL, "walker", NOW - 5 * 60_000), 0);
    harness.processElement(sighting(CAFE, "walker", NOW - 60_000), 0);
    harness.processElement(sighting(HALL, "sitter", NOW - 30_000), 0);
    assertEquals(Map.of("main-hall", 1, "cafeteria", 1), counts(NOW));
  }

  @Test
  void neverMovesABadgeBackOnASightingThatArrivesLate() throws Exception {
    harness.processElement(sighting(CAFE, "walker", NOW - 60_000), 0);
    harness.processElement(sighting(HALL, "walker", NOW - 5 * 60_000), 0);
    assertEquals(Map.of("main-hall", 0, "cafeteria", 1), counts(NOW));
  }

  @Test
  void forgetsBadgesNotSeenFor15MinutesAndReadsZeroForAnEmptiedZone() throws Exception {
    harness.processElement(sighting(HALL, "gone", NOW - SPAN - 1), 0);
    harness.processElement(sighting(CAFE, "here", NOW - SPAN + 1_000), 0);
    assertEquals(Map.of("main-hall", 0, "cafeteria", 1), counts(NOW));
    assertEquals(Map.of("main-hall", 0, "cafeteria", 0), counts(NOW + 1_000));
  }

  @Test
  void ignoresASightingAlreadyOlderThanTheLiveSpan() throws Exception {
    harness.processWatermark(NOW - LATENESS);
    harness.processElement(sighting(HALL, "stale", NOW - SPAN), 0);
    assertEquals(Map.of("main-hall", 0, "cafeteria", 0), counts(NOW));
  }

  @Test
  void keepsABadgeSeenAgainInTheSameZoneWithoutWritingAnything() throws Exception {
    harness.processElement(sighting(HALL, "a", NOW - 10 * 60_000), 0);
    harness.processElement(sighting(HALL, "a", NOW - 60_000), 0);
    assertEquals(1, harness.extractOutputValues().size(), "one ENTER, no repeat");
    assertEquals(Map.of("main-hall", 1, "cafeteria", 0), counts(NOW + 6 * 60_000));
  }
}
