package dev.fleetwatch.flink.occupancy;

import static dev.fleetwatch.flink.occupancy.Fixtures.CAFE;
import static dev.fleetwatch.flink.occupancy.Fixtures.HALL;
import static dev.fleetwatch.flink.occupancy.Fixtures.LATENESS;
import static dev.fleetwatch.flink.occupancy.Fixtures.SETTINGS;
import static dev.fleetwatch.flink.occupancy.Fixtures.sighting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.occupancy.Fixtures.Output;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The zone operator: 15-minute windows, partial and final rows, the live figure (windows.test.ts, live-occupancy.test.ts). */
class ZoneFiguresTest {
  static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
  static final long WINDOW = ZoneWindows.WINDOW_MS;

  private KeyedOneInputStreamOperatorTestHarness<String, ZoneEvent, KeyedRecord> harness;

  static KeyedOneInputStreamOperatorTestHarness<String, ZoneEvent, KeyedRecord> zoneHarness(OccupancySettings settings) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ZoneFigures(settings)), event -> event.zoneId, Types.STRING);
  }

  @BeforeEach
  void open() throws Exception {
    harness = zoneHarness(SETTINGS);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void add(ZoneEvent event) throws Exception {
    harness.processElement(event, 0);
  }

  /** Runs event time up to the live tick at {@code gridPoint} and returns what was written since the last call. */
  private List<Output> tick(long gridPoint) throws Exception {
    harness.processWatermark(gridPoint - LATENESS);
    List<Output> outputs = Fixtures.outputs(harness.extractOutputValues());
    harness.getOutput().clear();
    return outputs;
  }

  @Test
  void countsDistinctBadgesPerZoneABadgeSeenManyTimesCountsOnceEverySightingCounts() throws Exception {
    add(sighting(HALL, "a", T0 + 1_000));
    add(sighting(HALL, "a", T0 + 2_000));
    add(sighting(HALL, "b", T0 + 3_000));
    List<Output> rows = Fixtures.windowRows(tick(T0 + 10_000));
    assertEquals(1, rows.size());
    Output row = rows.get(0);
    assertEquals("main-hall", row.text("zoneId"));
    assertEquals(2, row.number("uniqueBadges"));
    assertEquals(3, row.number("sightings"));
    assertEquals(false, row.value().get("final").asBoolean());
    assertEquals(500, row.number("capacity"));
    assertEquals("2026-03-02T09:00:00.000Z", row.text("windowStart"));
    assertEquals("2026-03-02T09:15:00.000Z", row.text("windowEnd"));
  }

  @Test
  void countsABadgeThatMovedBetweenZonesInBothZonesOfTheWindow() throws Exception {
    add(sighting(HALL, "walker", T0 + 60_000));
    add(sighting(CAFE, "walker", T0 + 120_000));
    Map<String, Long> badges = Fixtures.windowRows(tick(T0 + 130_000)).stream().collect(Collectors.toMap(o -> o.text("zoneId"), o -> o.number("uniqueBadges")));
    assertEquals(Map.of("main-hall", 1L, "cafeteria", 1L), badges);
  }

  @Test
  void keepsWindowsApartTheSameBadgeInTwoWindowsCountsInEach() throws Exception {
    add(sighting(HALL, "a", T0 + 1_000));
    add(sighting(HALL, "a", T0 + WINDOW + 1_000));
    List<String> starts = Fixtures.windowRows(tick(T0 + 10_000)).stream().map(o -> o.text("windowStart")).toList();
    assertEquals(List.of("2026-03-02T09:00:00.000Z", "2026-03-02T09:15:00.000Z"), starts);
  }

  @Test
  void writesPartialRowsOnlyForWhatChangedSinceTheLastPartial() throws Exception {
    add(sighting(HALL, "a", T0));
    add(sighting(CAFE, "b", T0));
    assertEquals(2, Fixtures.windowRows(tick(T0 + 10_000)).size());
    add(sighting(CAFE, "c", T0 + 5_000));
    List<Output> changed = Fixtures.windowRows(tick(T0 + 20_000));
    assertEquals(1, changed.size());
    assertEquals("cafeteria", changed.get(0).text("zoneId"));
    assertEquals(2, changed.get(0).number("uniqueBadges"));
    assertEquals(List.of(), Fixtures.windowRows(tick(T0 + 30_000)));
  }

  @Test
  void closesAWindowOnceTheWatermarkPassesItsEndFinalExactlyOnceThenForgotten() throws Exception {
    add(sighting(HALL, "a", T0 + 1_000));
    add(sighting(HALL, "b", T0 + WINDOW + 1_000));
    harness.processWatermark(T0 + WINDOW - 1);
    assertTrue(Fixtures.windowRows(Fixtures.outputs(harness.extractOutputValues())).stream().noneMatch(o -> o.value().get("final").asBoolean()));
    harness.getOutput().clear();
    harness.processWatermark(T0 + WINDOW);
    List<Output> finals = Fixtures.windowRows(Fixtures.outputs(harness.extractOutputValues())).stream().filter(o -> o.value().get("final").asBoolean()).toList();
    assertEquals(1, finals.size());
    assertEquals("2026-03-02T09:00:00.000Z", finals.get(0).text("windowStart"));
    assertEquals(1, finals.get(0).number("uniqueBadges"));
    harness.getOutput().clear();
    List<Output> later = Fixtures.windowRows(tick(T0 + WINDOW + 60_000 + 10_000));
    assertTrue(later.stream().noneMatch(o -> o.value().get("final").asBoolean()), "a window is final once");
    assertTrue(later.stream().allMatch(o -> o.text("windowStart").equals("2026-03-02T09:15:00.000Z")));
  }

  @Test
  void keysWindowRowsZoneIdWindowStartAndLiveRowsZoneIdLive() throws Exception {
    add(sighting(HALL, "a", T0 + 1_000));
    List<Output> outputs = tick(T0 + 10_000);
    assertEquals("main-hall|2026-03-02T09:00:00.000Z", Fixtures.windowRows(outputs).get(0).key());
    assertEquals("main-hall|live", Fixtures.liveRows(outputs).get(0).key());
  }

  @Test
  void writesLiveRowsSpanningTheLast15MinutesWithTheSightingsInThem() throws Exception {
    long now = T0 + 30 * 60_000;
    add(sighting(HALL, "a", now - 2_000));
    add(sighting(HALL, "a", now - 1_000));
    add(ZoneEvent.of(ZoneEvent.Kind.ENTER, HALL, "a", now - 2_000));
    List<Output> live = Fixtures.liveRows(tick(now));
    assertEquals(1, live.size());
    Output hall = live.get(0);
    assertEquals("Main hall", hall.text("name"));
    assertEquals(500, hall.number("capacity"));
    assertEquals("2026-03-02T09:15:00.000Z", hall.text("windowStart"));
    assertEquals("2026-03-02T09:30:00.000Z", hall.text("windowEnd"));
    assertEquals(1, hall.number("uniqueBadges"));
    assertEquals(2, hall.number("sightings"));
    assertEquals(false, hall.value().get("final").asBoolean());
  }

  @Test
  void readsZeroForAnEmptiedZoneAndForAZoneKnownOnlyFromTheTable() throws Exception {
    add(sighting(HALL, "a", T0 + 1_000));
    add(ZoneEvent.of(ZoneEvent.Kind.ENTER, HALL, "a", T0 + 1_000));
    add(Fixtures.zone(CAFE));
    tick(T0 + 10_000);
    // The cafeteria came before any watermark: it starts its live ticks on the wall clock's next turn.
    harness.setProcessingTime(SETTINGS.liveEveryMs());
    add(ZoneEvent.of(ZoneEvent.Kind.LEAVE, HALL, "a", T0 + 15_000));
    Map<String, Long> live = Fixtures.liveRows(tick(T0 + 20_000)).stream().collect(Collectors.toMap(o -> o.text("zoneId"), o -> o.number("uniqueBadges")));
    assertEquals(Map.of("main-hall", 0L, "cafeteria", 0L), live);
  }

  @Test
  void writesNoLiveFigureOrAlertForAMomentLongPastButStillClosesItsWindows() throws Exception {
    harness.setProcessingTime(T0 + 2 * 60 * 60_000);
    add(sighting(HALL, "a", T0 + 1_000));
    List<Output> outputs = tick(T0 + WINDOW + LATENESS + 10_000);
    assertEquals(List.of(), Fixtures.liveRows(outputs));
    assertEquals(1, Fixtures.windowRows(outputs).stream().filter(o -> o.value().get("final").asBoolean()).count());
  }
}
