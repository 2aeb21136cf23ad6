package dev.fleetwatch.flink.occupancy;

import static dev.fleetwatch.flink.occupancy.Fixtures.CAFE;
import static dev.fleetwatch.flink.occupancy.Fixtures.HALL;
import static dev.fleetwatch.flink.occupancy.Fixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.DeadLetter;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sensor → zone: the unknown-sensor wait, and the rejections with their reasons. */
class SensorJoinTest {
  static final long T = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();

  private KeyedBroadcastOperatorTestHarness<String, Sighting, Zone, ZoneEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new SensorJoin(SETTINGS), sighting -> sighting.sensorId, Types.STRING, SensorJoin.ZONES);
    harness.setProcessingTime(T);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void sight(String sensor, String badge, long ts) throws Exception {
    harness.processElement(new Sighting(sensor, badge, ts, Fixtures.sightingRecord(sensor, badge, ts)), ts);
  }

  private List<ZoneEvent> sightings() {
    return harness.extractOutputValues().stream().filter(event -> event.kind == ZoneEvent.Kind.SIGHTING).toList();
  }

  private List<String> reasons() {
    return harness.getSideOutput(DeadLetter.TAG) == null ? List.of() : harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue).map(letter -> letter.reason).toList();
  }

  @Test
  void locatesASightingByItsSensorAndTellsTheZoneOperatorOfEveryZone() throws Exception {
    harness.processBroadcastElement(new Zone(HALL.zoneId, HALL.name, HALL.capacity, "s-hall-1", "s-hall-2"), 0);
    sight("s-hall-2", "a", T);
    assertEquals(List.of("main-hall"), sightings().stream().map(event -> event.zoneId).toList());
    assertTrue(harness.extractOutputValues().stream().anyMatch(event -> event.kind == ZoneEvent.Kind.ZONE && event.zoneId.equals("main-hall")));
  }

  @Test
  void holdsASightingFromAnUnknownSensorUntilItsZoneLoads() throws Exception {
    sight("s-cafe", "a", T);
    assertEquals(List.of(), sightings());
    harness.processBroadcastElement(new Zone(CAFE.zoneId, CAFE.name, CAFE.capacity, "s-cafe"), 0);
    assertEquals(List.of("cafeteria"), sightings().stream().map(event -> event.zoneId).toList());
    harness.setProcessingTime(T + SETTINGS.unknownSensorWaitMs());
    assertEquals(1, sightings().size(), "counted once, not again at its deadline");
    assertEquals(List.of(), reasons());
  }

  @Test
  void rejectsASightingFromASensorInNoZoneAfterTheWaitWithTheReason() throws Exception {
    sight("sensor-nowhere", "a", T);
    harness.setProcessingTime(T + SETTINGS.unknownSensorWaitMs() - 1);
    assertEquals(List.of(), reasons());
    harness.setProcessingTime(T + SETTINGS.unknownSensorWaitMs());
    assertEquals(List.of("unknown-sensor: sensor sensor-nowhere is in no zone of campus.zones"), reasons());
    assertEquals(List.of(), sightings());
  }

  @Test
  void rejectsASightingForAWindowAlreadyFinalAsTooLate() throws Exception {
    harness.processBroadcastElement(new Zone(HALL.zoneId, HALL.name, HALL.capacity, "s-hall"), 0);
    harness.processWatermark(T - 1);
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    sight("s-hall", "late", T - ZoneWindows.WINDOW_MS - 1);
    sight("s-hall", "in-time", T - 1);
    assertEquals(List.of("in-time"), sightings().stream().map(event -> event.badgeId).toList());
    assertEquals(1, reasons().size());
    assertTrue(reasons().get(0).startsWith("too-late: sighting at 2026-03-02T11:44:59.999Z belongs to a 15-minute window already reported as final"), reasons().get(0));
  }

  @Test
  void rejectsASightingMoreThanAnHourAheadOfTheClockAndTheStream() throws Exception {
    harness.processBroadcastElement(new Zone(HALL.zoneId, HALL.name, HALL.capacity, "s-hall"), 0);
    sight("s-hall", "broken-clock", T + EventClock.MAX_AHEAD_MS + 1);
    assertEquals(List.of(), sightings());
    assertTrue(reasons().get(0).startsWith("future-timestamp: "), reasons().toString());
  }

  @Test
  void givesASensorListedByTwoZonesToTheFirstInIdOrder() throws Exception {
    harness.processBroadcastElement(new Zone(HALL.zoneId, HALL.name, HALL.capacity, "s-shared"), 0);
    harness.processBroadcastElement(new Zone(CAFE.zoneId, CAFE.name, CAFE.capacity, "s-shared"), 0);
    sight("s-shared", "a", T);
    assertEquals(List.of("cafeteria"), sightings().stream().map(event -> event.zoneId).toList());
  }
}
