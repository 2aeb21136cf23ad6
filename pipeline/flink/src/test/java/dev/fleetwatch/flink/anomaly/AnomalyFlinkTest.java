package dev.fleetwatch.flink.anomaly;

import static dev.fleetwatch.flink.anomaly.DetectorHarness.json;
import static dev.fleetwatch.flink.anomaly.DetectorHarness.run;
import static dev.fleetwatch.flink.anomaly.Readings.T0;
import static dev.fleetwatch.flink.anomaly.Readings.at;
import static dev.fleetwatch.flink.anomaly.Readings.engine;
import static dev.fleetwatch.flink.anomaly.Readings.reading;
import static dev.fleetwatch.flink.anomaly.Readings.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/** What the Flink job adds to the Node detector's cases: state in checkpoints, any parallelism, the start-up gate, quiet vehicles. */
class AnomalyFlinkTest {
  private static final List<ParsedReading> EPISODE = series(80, s -> s >= 5 && s < 40 ? engine(118) : Map.of());

  @Test
  void resumesFromACheckpointMidEpisodeAndFiresTheEpisodeOnceUnderItsId() throws Exception {
    List<AnomalyAlert> uninterrupted = run(EPISODE);
    int cut = Readings.WARMUP_S + 20; // 5 s after the episode fired
    List<AnomalyAlert> before;
    OperatorSubtaskState checkpoint;
    try (DetectorHarness first = new DetectorHarness(Readings.SETTINGS).started()) {
      before = first.feed(EPISODE.subList(0, cut)).alerts();
      checkpoint = first.snapshot(1);
    }
    assertEquals(1, before.stream().filter(AnomalyAlert::firing).count());
    // The restored job reads on from the checkpoint's offsets; its model and open episode come back with it.
    try (DetectorHarness restored = new DetectorHarness(Readings.SETTINGS, 1, 0, checkpoint).started()) {
      List<AnomalyAlert> after = restored.feed(EPISODE.subList(cut, EPISODE.size())).quiet().alerts();
      assertEquals(0, after.stream().filter(AnomalyAlert::firing).count());
      assertEquals(json(uninterrupted), json(Stream.concat(before.stream(), after.stream()).toList()));
    }
  }

  @Test
  void givesEachVehicleTheSameAlertsAtParallelism2AsAt1() throws Exception {
    List<String> vehicles = List.of("cab-1", "cab-2", "cab-3", "tanker-1", "tanker-2");
    List<ParsedReading> input = interleaved(vehicles);
    Map<String, List<String>> single = byVehicle(run(input));
    Map<String, List<String>> split = new HashMap<>();
    int[] perSubtask = new int[2];
    for (int subtask = 0; subtask < 2; subtask += 1) {
      int index = subtask;
      List<ParsedReading> mine = input.stream().filter(r -> subtaskOf(r.reading.vehicleId, 2) == index).toList();
      perSubtask[subtask] = mine.size();
      try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS, 2, subtask, null).started()) {
        split.putAll(byVehicle(detector.feed(mine).quiet().alerts()));
      }
    }
    assertTrue(perSubtask[0] > 0 && perSubtask[1] > 0, "both subtasks hold vehicles");
    assertEquals(vehicles.size(), single.size());
    assertEquals(single, split);
  }

  @Test
  void judgesNoReadingBeforeTheEarlierAlertsAreReadSoAFiringEpisodeContinuesWhicheverInputComesFirst() throws Exception {
    AnomalyAlert fired = run(EPISODE).stream().filter(AnomalyAlert::firing).findFirst().orElseThrow();
    List<ParsedReading> replay = EPISODE.stream().filter(r -> r.reading.ts >= at(-60)).toList();
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS)) {
      // The re-read input is ahead of the alerts input: nothing may be judged yet, even for quiet vehicles.
      detector.feed(replay.subList(0, 70)).quiet();
      assertEquals(List.of(), detector.alerts());
      detector.previous(fired).started();
      List<AnomalyAlert> alerts = detector.feed(replay.subList(70, replay.size())).quiet().alerts();
      assertEquals(List.of(fired.alertId), alerts.stream().map(alert -> alert.alertId).distinct().toList());
      assertEquals("cleared", alerts.get(alerts.size() - 1).state);
      assertEquals(at(50), alerts.get(alerts.size() - 1).detectedAt);
    }
  }

  @Test
  void ignoresEarlierAlertsThatAreOverOrOlderThanTheNewestFiringOne() {
    VehicleTrack track = new VehicleTrack();
    AnomalyAlert older = alert("a", 1_000, "firing");
    AnomalyAlert newer = alert("b", 5_000, "firing");
    track.restore(newer);
    track.restore(older); // another partition, read later
    assertEquals("b", track.restored.get("engineTempC").alertId);
    track.restore(alert("b", 5_000, "cleared"));
    track.restore(alert("a", 1_000, "firing"));
    assertTrue(track.restored.isEmpty(), "episodes that started before a cleared one are over");
  }

  @Test
  void judgesAQuietVehiclesHeldReadingsAfterTheAllowedLatenessInProcessingTime() throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      for (int s = 0; s <= 10; s += 1) detector.feed(List.of(reading(s, engine(120), "cab-new")));
      // The reading at 10 s (the one that fires) is held: no newer reading has moved the vehicle's clock past it.
      assertEquals(List.of(), detector.alerts());
      detector.harness.setProcessingTime(10 + 500);
      assertEquals(List.of(), detector.alerts());
      detector.harness.setProcessingTime(10 + 1_100);
      List<AnomalyAlert> alerts = detector.alerts();
      assertEquals(1, alerts.size());
      assertEquals(T0 + 10_000, alerts.get(0).detectedAt);
    }
  }

  @Test
  void firesOnACoolingFailureReadTwiceASecondInsteadOfLearningTheRiseAsNormal() throws Exception {
    // The integration tests' telemetry: every 500 ms. An LPG tank at 3.9 °C warms 1 °C/s for 20 s (the cooling-failure scenario).
    List<ParsedReading> input = new ArrayList<>();
    for (int i = -240; i < 80; i += 1) {
      double tempC = Math.round((3.9 + Math.min(Math.max(i, 0) / 2.0, 20)) * 10) / 10.0;
      Map<String, Object> state = new LinkedHashMap<>(Readings.state(0, Map.of("cargo", "lpg", "containerTempC", tempC), "tanker-1"));
      state.put("ts", T0 + i * 500L);
      input.add(Readings.parsed(dev.fleetwatch.flink.common.Json.write(state)));
    }
    List<AnomalyAlert> firing = run(input).stream().filter(AnomalyAlert::firing).toList();
    assertEquals("containerTempC", firing.get(0).metric);
    assertTrue(firing.get(0).startedAt <= T0 + 5_000, "outside its band within 5 s of the failure");
    assertEquals(firing.get(0).startedAt + 10_000, firing.get(0).detectedAt);
  }

  @Test
  void firesOnATankThatGetsTooColdTheLowSideOfTheCargoLimits() throws Exception {
    // LPG (limits −10…30 °C) at 18 °C, then its tank cools 1 °C/s down to −12 °C.
    List<ParsedReading> input = series(60, s -> s < 40 ? Map.of("containerTempC", Math.max(-12.0, 18.0 - s)) : Map.of(), "tanker-9", Map.of("cargo", "lpg"));
    List<AnomalyAlert> firing = run(input).stream().filter(AnomalyAlert::firing).toList();
    assertEquals("containerTempC", firing.get(0).metric);
    assertTrue(firing.get(0).value < firing.get(0).normal.min, "below the band");
    assertTrue(firing.get(0).startedAt <= at(5));
    assertEquals("critical", firing.get(firing.size() - 1).severity);
    // A new LPG tanker, not yet warmed up, is judged by the cargo's fixed limits alone: −12 °C is under −10 °C.
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      for (int s = 0; s < 15; s += 1) detector.feed(List.of(reading(s, Map.of("cargo", "lpg", "containerTempC", -12.0), "tanker-new")));
      AnomalyAlert cold = detector.alerts().get(0);
      assertEquals("containerTempC", cold.metric);
      assertEquals(-10, cold.normal.min);
      assertEquals(30, cold.normal.max);
      assertEquals("critical", cold.severity);
      assertEquals(T0 + 10_000, cold.detectedAt);
    }
  }

  @Test
  void readsItsSettingsByTheReadmeNamesAndRefusesOutOfRangeValues() {
    AnomalySettings defaults = AnomalySettings.from(new dev.fleetwatch.flink.common.JobSettings(Map.of()));
    assertEquals(new AnomalySettings(10_000, 10_000, 500, 30, 120_000, 30_000, 900_000, 1_800_000), defaults);
    var settings = new dev.fleetwatch.flink.common.JobSettings(Map.of("ANOMALY_FIRE_AFTER_S", "5", "FLEET_OFFLINE_AFTER_S", "60"));
    assertEquals(5_000, AnomalySettings.from(settings).fireAfterMs());
    assertEquals(60_000, AnomalySettings.from(settings).offlineGapMs());
    IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> AnomalySettings.from(settings.with("ANOMALY_CLEAR_AFTER_S", "0")));
    assertTrue(refused.getMessage().startsWith("ANOMALY_CLEAR_AFTER_S must be between 1 and 3600"));
  }

  @Test
  void keepsAlertIdsReadableAndShortensOnlyThoseOver128Characters() {
    assertEquals("anomaly.cab-1.engineTempC.1772452800000", Episode.alertId("cab-1", "engineTempC", 1_772_452_800_000L));
    String longId = Episode.alertId("v".repeat(120), "engineTempC", T0);
    assertTrue(longId.matches("^anomaly\\.[0-9a-f]{40}$"), longId);
    assertEquals(longId, Episode.alertId("v".repeat(120), "engineTempC", T0));
    assertNotEquals(longId, Episode.alertId("v".repeat(120), "engineTempC", T0 + 1));
  }

  private static AnomalyAlert alert(String id, long startedAt, String state) {
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = id;
    alert.vehicleId = "cab-1";
    alert.metric = "engineTempC";
    alert.startedAt = startedAt;
    alert.detectedAt = startedAt + 10_000;
    alert.state = state;
    alert.severity = "info";
    alert.normal = new AnomalyAlert.Range(80, 100);
    return alert;
  }

  /** Several vehicles' episodes at once, their readings interleaved second by second as the topic holds them. */
  private static List<ParsedReading> interleaved(List<String> vehicles) {
    List<List<ParsedReading>> each = new ArrayList<>();
    for (int v = 0; v < vehicles.size(); v += 1) {
      int start = 5 + 7 * v;
      String id = vehicles.get(v);
      each.add(series(90, s -> s >= start && s < start + 20 ? (id.startsWith("tanker") ? Map.of("containerTempC", 30.0) : engine(112)) : Map.of(), id));
    }
    List<ParsedReading> input = new ArrayList<>();
    for (int i = 0; i < each.get(0).size(); i += 1) for (List<ParsedReading> one : each) input.add(one.get(i));
    return input;
  }

  private static Map<String, List<String>> byVehicle(List<AnomalyAlert> alerts) {
    return alerts.stream().collect(Collectors.groupingBy(alert -> alert.vehicleId, Collectors.mapping(dev.fleetwatch.flink.common.Json::write, Collectors.toList())));
  }

  private static int subtaskOf(String key, int parallelism) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, DetectorHarness.MAX_PARALLELISM, parallelism);
  }
}
