package dev.fleetwatch.flink.anomaly;

import static dev.fleetwatch.flink.anomaly.DetectorHarness.json;
import static dev.fleetwatch.flink.anomaly.DetectorHarness.run;
import static dev.fleetwatch.flink.anomaly.Readings.T0;
import static dev.fleetwatch.flink.anomaly.Readings.at;
import static dev.fleetwatch.flink.anomaly.Readings.engine;
import static dev.fleetwatch.flink.anomaly.Readings.reading;
import static dev.fleetwatch.flink.anomaly.Readings.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.DeadLetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Node processor's detector cases (pipeline/processors/anomaly/detector.test.ts), through the Flink operator. */
class AnomalyDetectorTest {
  private static List<AnomalyAlert> firing(List<AnomalyAlert> alerts) {
    return alerts.stream().filter(AnomalyAlert::firing).toList();
  }

  private static List<AnomalyAlert> cleared(List<AnomalyAlert> alerts) {
    return alerts.stream().filter(alert -> !alert.firing()).toList();
  }

  private static Set<String> ids(List<AnomalyAlert> alerts) {
    return alerts.stream().map(alert -> alert.alertId).collect(Collectors.toSet());
  }

  @Test
  void firesOnceADeviationHasLasted10sOfEventTimeAndClears10sAfterItEndsUnderOneId() throws Exception {
    List<AnomalyAlert> alerts = run(series(60, s -> s >= 5 && s < 35 ? engine(104) : Map.of()));
    AnomalyAlert first = firing(alerts).get(0);
    assertEquals(Episode.alertId("cab-1", "engineTempC", at(5)), first.alertId);
    assertEquals("anomaly", first.kind);
    assertEquals("fleet", first.team);
    assertEquals("cab-1", first.vehicleId);
    assertEquals("cabs", first.fleet);
    assertEquals("NL-01-AB", first.plate);
    assertEquals("engineTempC", first.metric);
    assertEquals(at(5), first.startedAt);
    assertEquals(at(15), first.detectedAt);
    assertEquals(104, first.value);
    assertEquals(1, ids(alerts).size());
    assertEquals(1, cleared(alerts).size());
    assertEquals(at(45), cleared(alerts).get(0).detectedAt);
  }

  @Test
  void doesNotFireOnA3SecondSpikeHoweverBig() throws Exception {
    assertEquals(List.of(), run(series(60, s -> s >= 10 && s < 13 ? engine(140) : Map.of())));
  }

  @Test
  void doesNotFireOnADeviationOf9s() throws Exception {
    assertEquals(List.of(), run(series(60, s -> s >= 10 && s < 19 ? engine(104) : Map.of())));
  }

  @Test
  void firesOnceAndClearsOnceForAValueOscillatingAroundTheEdgeOfNormal() throws Exception {
    // Around the 100 °C edge: 101 for 3 s, 99.5 for 1 s, again and again for a minute, then healthy.
    List<AnomalyAlert> alerts = run(series(120, s -> s < 60 ? engine(s % 4 == 3 ? 99.5 : 101) : Map.of()));
    assertEquals(1, ids(alerts).size());
    assertEquals(1, cleared(alerts).size());
    assertEquals("firing", alerts.get(0).state);
    assertEquals(at(0), alerts.get(0).startedAt);
    assertEquals(at(10), alerts.get(0).detectedAt);
  }

  @Test
  void growsSeverityWithTheSizeAndTheLengthOfTheDeviation() throws Exception {
    List<AnomalyAlert> small = firing(run(series(90, s -> s < 80 ? engine(101) : Map.of())));
    assertEquals(List.of("info", "warning", "critical"), small.stream().map(alert -> alert.severity).toList());
    List<AnomalyAlert> big = firing(run(series(30, s -> s < 20 ? engine(120) : Map.of())));
    assertEquals(List.of("critical"), big.stream().map(alert -> alert.severity).toList());
  }

  @Test
  void givesTheSameAlertsForOutOfOrderInputAsForOrderedInput() throws Exception {
    List<ParsedReading> ordered = series(120, s -> s >= 5 && s < 40 ? engine(115) : s >= 70 && s < 72 ? engine(130) : Map.of());
    // Neighbours swapped: every other reading arrives a second late, behind a newer one.
    List<ParsedReading> shuffled = new ArrayList<>(ordered);
    for (int i = 0; i + 1 < shuffled.size(); i += 2) Collections.swap(shuffled, i, i + 1);
    List<AnomalyAlert> expected = run(ordered);
    assertFalse(expected.isEmpty());
    assertEquals(json(expected), json(run(shuffled)));
  }

  @Test
  void givesTheSameAlertIdsWhenTheSameInputIsReadAgain() throws Exception {
    List<ParsedReading> input = series(200, s -> s >= 5 && s < 40 ? engine(118) : s >= 100 && s < 150 ? engine(103) : Map.of());
    List<AnomalyAlert> first = run(input);
    assertEquals(2, ids(first).size());
    assertEquals(json(first), json(run(input)));
  }

  @Test
  void refusesAReadingLaterThanTheAllowedLatenessAndIgnoresARepeatedOne() throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      for (int s = 0; s < 10; s += 1) detector.feed(List.of(reading(s)));
      detector.feed(List.of(reading(9), reading(8)));
      assertEquals(List.of(), detector.deadLetters());
      detector.feed(List.of(reading(3)));
      List<DeadLetter> letters = detector.deadLetters();
      assertEquals(1, letters.size());
      assertTrue(letters.get(0).reason.startsWith("too-late: reading at 2026-03-02T12:00:03.000Z arrived after 5000 ms newer readings of cab-1"), letters.get(0).reason);
      assertEquals(AnomalyJob.INPUT_TOPIC, letters.get(0).source.topic);
      assertEquals(List.of(), detector.alerts());
    }
  }

  @Test
  void raisesNoEngineAlertWhileTheIgnitionIsOff() throws Exception {
    assertEquals(List.of(), run(series(60, s -> s < 40 ? Map.of("engineTempC", 120, "ignition", false) : Map.of())));
  }

  @Test
  void watchesATankersContainerAgainstItsOwnNormalAndTheCargosLimitsAndNotWhileTheUnitIsOffline() throws Exception {
    // Cooling failure: +1 °C/s from 18 °C, far below the gasoline limit of 35 °C at first.
    List<AnomalyAlert> failing = run(series(60, s -> s < 30 ? Map.of("containerTempC", 18.0 + s) : Map.of(), "tanker-1"));
    AnomalyAlert first = firing(failing).get(0);
    assertEquals("tanker-1", first.vehicleId);
    assertEquals("containerTempC", first.metric);
    assertEquals("tankers", first.fleet);
    assertTrue(first.startedAt <= at(5));
    assertFalse(failing.stream().anyMatch(alert -> alert.metric.equals("engineTempC")));
    List<AnomalyAlert> offline = run(series(60, s -> s < 30 ? Map.of("containerTempC", 18.0 + s, "status", "offline") : Map.of(), "tanker-1"));
    assertEquals(List.of(), offline);
  }

  @Test
  void continuesAnEpisodeReportedBeforeARestartAndClearsItUnderItsOwnIdEvenWhenReReadingInputFromBeforeIt() throws Exception {
    List<ParsedReading> input = series(80, s -> s >= 5 && s < 40 ? engine(118) : Map.of());
    AnomalyAlert fired = firing(run(input)).get(0);
    // The restarted job, with no checkpoint, reads its firing record and re-reads the input from well before the episode.
    try (DetectorHarness restarted = new DetectorHarness(Readings.SETTINGS)) {
      restarted.previous(fired).started();
      restarted.feed(input.stream().filter(r -> r.reading.ts >= at(-60) && r.reading.ts <= at(80)).toList()).quiet();
      List<AnomalyAlert> again = restarted.alerts();
      assertEquals(Set.of(fired.alertId), ids(again));
      AnomalyAlert last = again.get(again.size() - 1);
      assertEquals("cleared", last.state);
      assertEquals(at(50), last.detectedAt);
    }
  }

  @Test
  void judgesAVehicleByTheFixedLimitsBeforeWarmUpSoANewVehicleAt120Alerts() throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      for (int s = 0; s < 20; s += 1) detector.feed(List.of(reading(s, engine(120), "cab-new")));
      AnomalyAlert first = detector.alerts().get(0);
      assertEquals("firing", first.state);
      assertEquals(T0, first.startedAt);
      assertEquals(T0 + 10_000, first.detectedAt);
      assertEquals("critical", first.severity);
    }
  }

  private static List<String> states(List<AnomalyAlert> alerts) {
    return alerts.stream().map(alert -> alert.state + (alert.reason == null ? "" : ":" + alert.reason)).toList();
  }

  @Test
  void anOverheatThatParksMidFaultReadsInhibitedNeverClearedAndResumesAsTheSameAlertWhenTheIgnitionComesBack() throws Exception {
    // 120 °C throughout; the ignition is off from 20 s to 40 s (parked), then on again, the engine still hot until 60 s.
    List<AnomalyAlert> alerts = run(series(90, s -> s < 60 ? (s >= 20 && s < 40 ? Map.of("engineTempC", 120, "ignition", false) : engine(120)) : Map.of()));
    assertEquals(1, ids(alerts).size());
    assertEquals(List.of("firing", "inhibited:ignition-off", "firing", "cleared"), states(alerts));
    AnomalyAlert inhibited = alerts.get(1);
    assertEquals(at(20), inhibited.detectedAt);
    assertEquals(120, inhibited.value);
    assertEquals("critical", inhibited.severity);
    AnomalyAlert resumed = alerts.get(2);
    assertEquals(at(40), resumed.detectedAt);
    assertEquals(alerts.get(0).startedAt, resumed.startedAt);
    // Cleared only once readings were back in band for the clear time, never while the engine was at 120 °C.
    assertEquals(at(70), alerts.get(3).detectedAt);
    assertTrue(alerts.get(3).value < 100);
  }

  @Test
  void anEpisodeWhoseEngineCooledWhileParkedClearsOnceBackInBandAfterTheIgnitionComesBack() throws Exception {
    List<AnomalyAlert> alerts = run(series(90, s -> s < 20 ? engine(120) : s < 40 ? Map.of("engineTempC", 60, "ignition", false) : Map.of()));
    assertEquals(List.of("firing", "inhibited:ignition-off", "cleared"), states(alerts));
    assertEquals(at(50), alerts.get(2).detectedAt);
  }

  @Test
  void aUnitOfflineMidFaultReadsInhibitedOfflineFromWhenItCountedAsOfflineAndResumesUnderItsId() throws Exception {
    List<ParsedReading> input = new ArrayList<>(series(20, s -> engine(120)));
    // Silent for 40 s (past the 30 s offline gap), then back still at 120 °C for 20 s, then healthy.
    for (int s = 60; s < 80; s += 1) input.add(reading(Readings.WARMUP_S + s, engine(120), "cab-1"));
    for (int s = 80; s < 100; s += 1) input.add(reading(Readings.WARMUP_S + s, Map.of(), "cab-1"));
    List<AnomalyAlert> alerts = run(input);
    assertEquals(1, ids(alerts).size());
    assertEquals(List.of("firing", "inhibited:offline", "firing", "cleared"), states(alerts));
    assertEquals(at(19) + 30_000, alerts.get(1).detectedAt);
    assertEquals(at(60), alerts.get(2).detectedAt);
  }

  @Test
  void continuesAnEpisodeReportedInhibitedBeforeARestartAndResumesItUnderItsOwnId() throws Exception {
    List<ParsedReading> input = series(90, s -> s < 60 ? (s >= 20 && s < 40 ? Map.of("engineTempC", 120, "ignition", false) : engine(120)) : Map.of());
    AnomalyAlert inhibited = run(input).get(1);
    assertEquals("inhibited", inhibited.state);
    try (DetectorHarness restarted = new DetectorHarness(Readings.SETTINGS)) {
      restarted.previous(inhibited).started();
      restarted.feed(input.stream().filter(r -> r.reading.ts > at(30)).toList()).quiet();
      List<AnomalyAlert> again = restarted.alerts();
      assertEquals(Set.of(inhibited.alertId), ids(again));
      assertEquals(List.of("firing", "cleared"), states(again));
    }
  }
}
