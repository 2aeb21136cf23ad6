package dev.fleetwatch.flink.occupancy;

import static dev.fleetwatch.flink.occupancy.Fixtures.LATENESS;
import static dev.fleetwatch.flink.occupancy.Fixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.occupancy.Fixtures.Output;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Capacity alerts on the live figure, with hysteresis, across a restore (capacity-alerts.test.ts). */
class CapacityAlertsTest {
  static final ZoneRef HALL = new ZoneRef("main-hall", "Main hall", 100);
  static final long T = Instant.parse("2026-03-02T12:00:00Z").toEpochMilli();

  /** A zone operator whose live count is driven by badges entering and leaving. */
  static final class Zone {
    final KeyedOneInputStreamOperatorTestHarness<String, ZoneEvent, KeyedRecord> harness;
    private long count;
    private long nextBadge;
    private boolean known;

    Zone(OperatorSubtaskState restored) throws Exception {
      known = restored != null;
      harness = ZoneFiguresTest.zoneHarness(SETTINGS);
      harness.setup();
      if (restored != null) harness.initializeState(restored);
      harness.open();
    }

    /** Sets the live count to {@code target}, runs the live tick at {@code gridPoint} (wall clock {@code now}), returns the alert written, if any. */
    Output evaluate(long target, long gridPoint, long now) throws Exception {
      if (!known) {
        // The zone arrives from the table one tick before the first evaluation.
        harness.processWatermark(gridPoint - LATENESS - SETTINGS.liveEveryMs());
        harness.processElement(Fixtures.zone(HALL), 0);
        known = true;
      }
      for (; count < target; count++) harness.processElement(ZoneEvent.of(ZoneEvent.Kind.ENTER, HALL, "b" + nextBadge++, gridPoint - 1), 0);
      for (; count > target; count--) harness.processElement(ZoneEvent.of(ZoneEvent.Kind.LEAVE, HALL, "b" + --nextBadge, gridPoint - 1), 0);
      harness.setProcessingTime(now);
      harness.processWatermark(gridPoint - LATENESS);
      List<Output> alerts = Fixtures.alerts(Fixtures.outputs(harness.extractOutputValues()));
      harness.getOutput().clear();
      if (alerts.size() > 1) throw new AssertionError("more than one alert at one tick: " + alerts);
      return alerts.isEmpty() ? null : alerts.get(0);
    }
  }

  @Test
  void firesAtTheThresholdForSecurityWithAContractValidAlertAndAnIdFromZoneAndEpisodeStart() throws Exception {
    Zone zone = new Zone(null);
    assertNull(zone.evaluate(89, T, T));
    Output alert = zone.evaluate(90, T + 10_000, T + 10_500);
    assertEquals("capacity.main-hall." + (T + 10_000), alert.key());
    assertEquals(alert.key(), alert.text("alertId"));
    assertEquals("capacity", alert.text("kind"));
    assertEquals("security", alert.text("team"));
    assertEquals("main-hall", alert.text("zoneId"));
    assertEquals("firing", alert.text("state"));
    assertEquals("warning", alert.text("severity"));
    assertEquals(90, alert.number("value"));
    assertEquals(T + 10_000, alert.number("startedAt"));
    assertEquals(T + 10_500, alert.number("detectedAt"));
    assertEquals(90, alert.value().get("normal").get("max").asLong());
  }

  @Test
  void clearsOnlyBelowTheThresholdMinusTheHysteresisUnderTheSameId() throws Exception {
    Zone zone = new Zone(null);
    Output fired = zone.evaluate(95, T, T);
    assertNull(zone.evaluate(85, T + 10_000, T));
    assertNull(zone.evaluate(80, T + 20_000, T));
    Output cleared = zone.evaluate(79, T + 30_000, T + 30_000);
    assertEquals(fired.key(), cleared.key());
    assertEquals("cleared", cleared.text("state"));
    assertEquals(T, cleared.number("startedAt"));
    Output next = zone.evaluate(95, T + 40_000, T + 40_000);
    assertEquals("capacity.main-hall." + (T + 40_000), next.key(), "a new episode after the clear has its own id");
  }

  @Test
  void raisesSeverityToCriticalOnceOverCapacityWithoutASecondEpisode() throws Exception {
    Zone zone = new Zone(null);
    Output fired = zone.evaluate(92, T, T);
    Output escalated = zone.evaluate(130, T + 10_000, T);
    assertEquals(fired.key(), escalated.key());
    assertEquals("critical", escalated.text("severity"));
    assertEquals("firing", escalated.text("state"));
    assertNull(zone.evaluate(140, T + 20_000, T));
  }

  @Test
  void continuesAnEpisodeRestoredFromACheckpointInsteadOfFiringASecondOne() throws Exception {
    Zone before = new Zone(null);
    Output fired = before.evaluate(95, T, T);
    OperatorSubtaskState checkpoint = before.harness.snapshot(1, T);
    before.harness.close();

    Zone after = new Zone(checkpoint);
    // The restored operator knows its count and its next tick: only the watermark moves on.
    after.count = 95;
    after.nextBadge = 95;
    assertNull(after.evaluate(95, T + 60_000, T + 60_000));
    Output cleared = after.evaluate(10, T + 70_000, T + 70_000);
    assertEquals(fired.key(), cleared.key());
    assertEquals("cleared", cleared.text("state"));
  }

  @Test
  void continuesAnEpisodeRestoredFromItsOwnEarlierOutputInsteadOfFiringASecondOne() throws Exception {
    Zone zone = new Zone(null);
    // A start without a checkpoint: the job's earlier alerts on the topic are read back first.
    zone.harness.processElement(ZoneEvent.previousAlert("main-hall", "capacity.main-hall." + T, T, "warning", false), 0);
    assertNull(zone.evaluate(95, T + 60_000, T + 60_000));
    Output cleared = zone.evaluate(10, T + 70_000, T + 70_000);
    assertEquals("capacity.main-hall." + T, cleared.key());
    assertEquals("cleared", cleared.text("state"));
  }

  @Test
  void forgetsARestoredEpisodeThatItsOwnOutputAlreadyCleared() throws Exception {
    Zone zone = new Zone(null);
    zone.harness.processElement(ZoneEvent.previousAlert("main-hall", "capacity.main-hall." + T, T, "warning", false), 0);
    zone.harness.processElement(ZoneEvent.previousAlert("main-hall", "capacity.main-hall." + T, T, "warning", true), 0);
    assertNull(zone.evaluate(10, T + 60_000, T + 60_000));
    assertEquals("capacity.main-hall." + (T + 70_000), zone.evaluate(95, T + 70_000, T + 70_000).key());
  }

  @Test
  void firesTheSameEpisodeUnderTheSameIdWhenTheInputIsReplayedAfterARestore() throws Exception {
    Zone first = new Zone(null);
    assertNull(first.evaluate(50, T, T));
    OperatorSubtaskState checkpoint = first.harness.snapshot(1, T);
    Output original = first.evaluate(99, T + 10_000, T + 10_000);
    first.harness.close();

    // The job died after writing the alert and before the next checkpoint: the input since is read again.
    Zone replayed = new Zone(checkpoint);
    replayed.count = 50;
    replayed.nextBadge = 50;
    Output again = replayed.evaluate(99, T + 10_000, T + 90_000);
    assertEquals(original.key(), again.key());
    assertEquals(original.number("startedAt"), again.number("startedAt"));
  }
}
