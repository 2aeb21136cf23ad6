package dev.fleetwatch.flink.anomaly;

import static dev.fleetwatch.flink.anomaly.Readings.T0;
import static dev.fleetwatch.flink.anomaly.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * A vehicle back after a silence longer than ANOMALY_RELEARN_AFTER_S (the demo stopped for two hours,
 * a real tanker back with a new load) warms up again: its old band must not judge its new readings,
 * while the fixed limits still do.
 */
class AnomalyRelearnTest {
  private static final String TANKER = "tanker-1";
  private static final int TWO_HOURS_S = 2 * 3600;

  /** A gasoline tank at {@code tempC} (with a small wobble) for {@code count} seconds from {@code from} s after T0. */
  private static List<ParsedReading> tank(int from, int count, double tempC) {
    List<ParsedReading> readings = new ArrayList<>();
    for (int s = from; s < from + count; s += 1) readings.add(reading(s, Map.of("containerTempC", tempC + 0.05 * Math.sin(s / 5.0)), TANKER));
    return readings;
  }

  private static List<AnomalyAlert> container(List<AnomalyAlert> alerts) {
    return alerts.stream().filter(alert -> alert.metric.equals(MetricRule.CONTAINER_TEMP)).toList();
  }

  /** The demo's checkpoint: two minutes at 10 °C learned a band of about 7–13 °C. */
  private static OperatorSubtaskState learnedAt10() throws Exception {
    try (DetectorHarness first = new DetectorHarness(Readings.SETTINGS).started()) {
      assertEquals(List.of(), first.feed(tank(0, 120, 10)).alerts());
      return first.snapshot(1);
    }
  }

  @Test
  void withoutAGapTheSameStepTo17DegreesFiresAgainstTheLearnedBand() throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      List<AnomalyAlert> alerts = container(detector.feed(tank(0, 120, 10)).feed(tank(120, 60, 17.3)).quiet().alerts());
      assertEquals("firing", alerts.get(0).state);
      assertEquals(T0 + 130_000, alerts.get(0).detectedAt);
      assertTrue(alerts.get(0).normal.max < 14, "learned band " + alerts.get(0).normal.min + "–" + alerts.get(0).normal.max);
    }
  }

  @Test
  void restoredFromACheckpointAndBackTwoHoursLaterAtANewSteadyLevelItRelearnsWithoutAnAlert() throws Exception {
    try (DetectorHarness restored = new DetectorHarness(Readings.SETTINGS, 1, 0, learnedAt10()).started()) {
      int back = 120 + TWO_HOURS_S;
      assertEquals(List.of(), restored.feed(tank(back, 300, 17.3)).quiet().alerts());
      // It has learned the new level: a step to 24 °C (inside the cargo's limits, outside 17.3 ± 3) fires.
      List<AnomalyAlert> step = container(restored.feed(tank(back + 300, 30, 24)).quiet().alerts());
      assertEquals("firing", step.get(0).state);
      assertEquals(T0 + (back + 310) * 1000L, step.get(0).detectedAt);
      assertTrue(step.get(0).normal.min > 14 && step.get(0).normal.max < 21, "relearned band " + step.get(0).normal.min + "–" + step.get(0).normal.max);
    }
  }

  @Test
  void anOverheatPastTheCargosFixedLimitRightAfterTheGapStillFires() throws Exception {
    try (DetectorHarness restored = new DetectorHarness(Readings.SETTINGS, 1, 0, learnedAt10()).started()) {
      List<AnomalyAlert> alerts = container(restored.feed(tank(120 + TWO_HOURS_S, 30, 38)).quiet().alerts());
      AnomalyAlert fired = alerts.get(0);
      assertEquals("firing", fired.state);
      assertEquals(T0 + (120 + TWO_HOURS_S + 10) * 1000L, fired.detectedAt);
      assertEquals("critical", fired.severity);
      assertEquals(-5, fired.normal.min);
      assertEquals(35, fired.normal.max);
    }
  }

  @Test
  void anEpisodeFiringWhenTheVehicleWentSilentIsThenJudgedByTheFixedLimitsAndClearsUnderItsId() throws Exception {
    try (DetectorHarness detector = new DetectorHarness(Readings.SETTINGS).started()) {
      detector.feed(tank(0, 120, 10)).feed(tank(120, 30, 17.3)).feed(tank(150 + TWO_HOURS_S, 30, 17.3)).quiet();
      List<AnomalyAlert> alerts = container(detector.alerts());
      assertEquals(List.of("firing", "inhibited", "cleared"), alerts.stream().map(alert -> alert.state).toList());
      assertEquals(1, alerts.stream().map(alert -> alert.alertId).distinct().count());
      // Offline from 30 s after its last reading, reported against the band it was seen to break.
      assertTrue(alerts.get(1).normal.max < 14);
      AnomalyAlert cleared = alerts.get(2);
      assertEquals(T0 + (160 + TWO_HOURS_S) * 1000L, cleared.detectedAt);
      assertEquals(35, cleared.normal.max);
    }
  }

  @Test
  void anEpisodeRestoredFromAnAlertOlderThanTheRelearnTimeIsJudgedByTheFixedLimits() throws Exception {
    AnomalyAlert fired;
    try (DetectorHarness first = new DetectorHarness(Readings.SETTINGS).started()) {
      fired = container(first.feed(tank(0, 120, 10)).feed(tank(120, 30, 17.3)).alerts()).get(0);
    }
    // A start without a checkpoint: the job reads the firing record, then readings from two hours on.
    try (DetectorHarness restarted = new DetectorHarness(Readings.SETTINGS)) {
      restarted.previous(fired).started();
      List<AnomalyAlert> alerts = container(restarted.feed(tank(150 + TWO_HOURS_S, 30, 17.3)).quiet().alerts());
      assertEquals(List.of("cleared"), alerts.stream().map(alert -> alert.state).toList());
      assertEquals(fired.alertId, alerts.get(0).alertId);
    }
  }

  @Test
  void readsTheRelearnTimeByItsReadmeNameWithinItsBounds() {
    JobSettings settings = new JobSettings(Map.of("ANOMALY_RELEARN_AFTER_S", "3600"));
    assertEquals(3_600_000, AnomalySettings.from(settings).relearnAfterMs());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AnomalySettings.from(settings.with("ANOMALY_RELEARN_AFTER_S", "59")));
    assertTrue(refused.getMessage().startsWith("ANOMALY_RELEARN_AFTER_S must be between 60 and 604800"), refused.getMessage());
  }
}
