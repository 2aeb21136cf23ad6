package dev.fleetwatch.flink.anomaly;

import static dev.fleetwatch.flink.anomaly.Readings.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The silence watch in Flink's keyed two-input harness: fixes with their wall-clock arrival, then the clock moved on by hand. */
class SilenceWatchTest {
  private static final WatchSettings SETTINGS = new WatchSettings(30_000, 10_000);
  private KeyedTwoInputStreamOperatorTestHarness<String, ParsedReading, AnomalyAlert, KeyedRecord> harness;
  private int taken;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new SilenceWatch(SETTINGS)),
        parsed -> parsed.reading.vehicleId, alert -> alert.vehicleId, Types.STRING);
    harness.setup();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** A fix taken {@code second} s after T0 that arrives at that moment, at a position moving 1e-4° per second unless {@code at} pins it. */
  private void fix(int second, Map<String, Object> override) throws Exception {
    harness.setProcessingTime(T0 + second * 1_000L);
    Map<String, Object> fields = new java.util.HashMap<>(Map.of("lat", 51.9 + second * 1e-4, "lon", 4.48));
    fields.putAll(override);
    harness.processElement1(new StreamRecord<>(Readings.reading(second, fields, "cab-7")));
  }

  private void clock(int second) throws Exception {
    harness.setProcessingTime(T0 + second * 1_000L);
  }

  /** Alerts written since the last call, each checked against the alert contract and keyed by its id. */
  private List<AnomalyAlert> newAlerts() throws Exception {
    List<KeyedRecord> records = harness.extractOutputValues();
    List<AnomalyAlert> alerts = new ArrayList<>();
    for (KeyedRecord record : records.subList(taken, records.size())) {
      ContractAssert.assertMatches(AnomalyFunction.OUTPUT_TOPIC, record.json);
      AnomalyAlert alert = AnomalyContracts.anomalyAlert(record.json.getBytes(StandardCharsets.UTF_8));
      assertEquals(record.key, alert.alertId);
      alerts.add(alert);
    }
    taken = records.size();
    return alerts;
  }

  @Test
  void aSilentVehicleRaisesOneOfflineAlertAfterTheSettingAndClearsItUnderTheSameIdWhenDataResumes() throws Exception {
    for (int s = 0; s <= 10; s += 1) fix(s, Map.of());
    clock(39);
    assertEquals(List.of(), newAlerts(), "silent 29 s: not yet");
    clock(41);
    List<AnomalyAlert> fired = newAlerts();
    assertEquals(1, fired.size());
    AnomalyAlert offline = fired.get(0);
    assertEquals("offline", offline.metric);
    assertEquals("firing", offline.state);
    assertEquals("fleet", offline.team);
    assertEquals("cab-7", offline.vehicleId);
    assertEquals(T0 + 10_000, offline.startedAt, "the silence started with the last fix");
    assertEquals(30, offline.normal.max);
    clock(120);
    assertEquals(List.of(), newAlerts(), "one alert per silence, however long");
    fix(121, Map.of());
    List<AnomalyAlert> resumed = newAlerts();
    assertEquals(1, resumed.size());
    assertEquals(offline.alertId, resumed.get(0).alertId);
    assertEquals("cleared", resumed.get(0).state);
    assertTrue(harness.numProcessingTimeTimers() <= 1, "one check per vehicle at most");
  }

  @Test
  void aVehicleThatKeepsReportingNeverGoesOffline() throws Exception {
    for (int s = 0; s <= 100; s += 1) fix(s, Map.of());
    assertEquals(List.of(), newAlerts());
    assertEquals(1, harness.numProcessingTimeTimers(), "one check per vehicle, not one per fix");
  }

  @Test
  void aFrozenGpsFiresOnceAndStaysThroughStopsUntilThePositionMoves() throws Exception {
    Map<String, Object> frozen = Map.of("lat", 51.95, "lon", 4.5);
    for (int s = 0; s <= 90; s += 1) {
      Map<String, Object> at = new java.util.HashMap<>(frozen);
      // Standing at a junction from 30 s to 60 s: the unit's speed drops, the position stays frozen.
      at.put("speedKmh", s >= 30 && s < 60 ? 0 : 50);
      fix(s, at);
    }
    List<AnomalyAlert> fired = newAlerts();
    assertEquals(1, fired.size(), "fired once, never cleared at the stop: " + fired.stream().map(a -> a.state).toList());
    assertEquals("gpsFrozen", fired.get(0).metric);
    assertEquals("firing", fired.get(0).state);
    assertEquals(T0, fired.get(0).startedAt);
    assertEquals(T0 + 10_000, fired.get(0).detectedAt, "after FLEET_FROZEN_GPS_AFTER_S");
    fix(91, Map.of());
    List<AnomalyAlert> moved = newAlerts();
    assertEquals(List.of("cleared"), moved.stream().map(a -> a.state).toList());
    assertEquals(fired.get(0).alertId, moved.get(0).alertId);
  }

  @Test
  void aParkedCarStandingStillIsNotFrozen() throws Exception {
    for (int s = 0; s <= 60; s += 1) fix(s, Map.of("lat", 51.95, "lon", 4.5, "speedKmh", 0, "status", "parked"));
    assertEquals(List.of(), newAlerts());
  }

  @Test
  void aReplayedBacklogArrivingNowRaisesNoOfflineAlert() throws Exception {
    // Fixes of the last 60 s read at start-up within a second: by their arrival the vehicle is not silent.
    for (int s = 0; s <= 60; s += 1) {
      harness.setProcessingTime(T0 + 100_000 + s);
      harness.processElement1(new StreamRecord<>(Readings.reading(s, Map.of("lat", 51.9 + s * 1e-4), "cab-7")));
    }
    clock(125);
    assertEquals(List.of(), newAlerts());
  }

  @Test
  void anEarlierFiringOfflineAlertContinuesAfterARestartAndClearsWhenTheVehicleReports() throws Exception {
    AnomalyAlert earlier = new VehicleWatch().restore(offlineAlert(T0 + 5_000), SETTINGS);
    assertEquals(null, earlier, "nothing to clear in a fresh watch");
    harness.processElement2(new StreamRecord<>(offlineAlert(T0 + 5_000)));
    assertEquals(List.of(), newAlerts());
    fix(200, Map.of());
    List<AnomalyAlert> cleared = newAlerts();
    assertEquals(1, cleared.size());
    assertEquals(offlineAlert(T0 + 5_000).alertId, cleared.get(0).alertId);
    assertEquals("cleared", cleared.get(0).state);
    assertTrue(SilenceWatch.watches(cleared.get(0)));
  }

  @Test
  void checksThatFellDueWhileTheJobWasDownWaitForTheBacklogInsteadOfCallingEveryVehicleOffline() throws Exception {
    for (int s = 0; s <= 10; s += 1) fix(s, Map.of());
    OperatorSubtaskState saved = harness.snapshot(1, T0 + 10_000);
    harness.close();
    // As a job ships it: serialized into the job graph and read back in the task.
    SilenceWatch shipped = InstantiationUtil.clone(new SilenceWatch(SETTINGS));
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(shipped),
        parsed -> parsed.reading.vehicleId, alert -> alert.vehicleId, Types.STRING);
    harness.setup();
    harness.initializeState(saved);
    harness.open();
    taken = 0;
    clock(300); // restored five minutes later: the vehicle's check is long overdue
    assertEquals(List.of(), newAlerts(), "not before the job has been up for the setting");
    fix(301, Map.of()); // the backlog arrives: the vehicle was reporting all along
    clock(330);
    assertEquals(List.of(), newAlerts());
    clock(340);
    assertEquals(List.of("offline"), newAlerts().stream().map(a -> a.metric).toList(), "silent since 301 s: offline after 331 s");
  }

  private static AnomalyAlert offlineAlert(long startedAt) {
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = Episode.alertId("cab-7", VehicleWatch.OFFLINE, startedAt);
    alert.vehicleId = "cab-7";
    alert.metric = VehicleWatch.OFFLINE;
    alert.value = 31;
    alert.normal = new AnomalyAlert.Range(0, 30);
    alert.startedAt = startedAt;
    alert.detectedAt = startedAt + 31_000;
    alert.severity = "warning";
    alert.state = "firing";
    return alert;
  }
}
