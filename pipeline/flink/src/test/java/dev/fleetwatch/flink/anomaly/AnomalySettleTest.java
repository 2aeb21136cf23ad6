package dev.fleetwatch.flink.anomaly;

import static dev.fleetwatch.flink.anomaly.Readings.T0;
import static dev.fleetwatch.flink.anomaly.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A tank's normal follows the weather and can move while an episode is open. Reproduced from the
 * simulator: a demo stopped for 10 minutes (less than ANOMALY_RELEARN_AFTER_S) and restarted made every
 * tank anew at the current weather's temperature; all 40 tankers fired at once against the bands
 * learned before the stop (about 7–13 °C, readings 15–21 °C) and, with the band frozen, stayed firing
 * for hours. Readings holding one level within the cargo's limits for ANOMALY_SETTLE_AFTER_S are the
 * new normal; a fault still rising, or past the cargo's limits, or of an engine, stays firing.
 */
class AnomalySettleTest {
  private static final String TANKER = "tanker-1";
  private static final int SETTLE_S = (int) (Readings.SETTINGS.settleAfterMs() / 1000);
  private static final int HOUR_S = 3600;

  /** A gasoline tank read every {@code stepS} seconds from {@code fromS} (after T0) until before {@code toS}. */
  private static List<ParsedReading> tank(int fromS, int toS, int stepS, IntToDoubleFunction tempAt) {
    List<ParsedReading> readings = new ArrayList<>();
    for (int s = fromS; s < toS; s += stepS) readings.add(reading(s, Map.of("containerTempC", round2(tempAt.applyAsDouble(s))), TANKER));
    return readings;
  }

  /** The simulator's small sensor wobble. */
  private static double wobble(int s) {
    return 0.05 * Math.sin(s / 5.0);
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static List<AnomalyAlert> ofMetric(List<AnomalyAlert> alerts, String metric) {
    return alerts.stream().filter(alert -> alert.metric.equals(metric)).toList();
  }

  private static List<String> states(List<AnomalyAlert> alerts) {
    return alerts.stream().map(alert -> alert.state).toList();
  }

  private static long at(int second) {
    return T0 + second * 1000L;
  }

  @Test
  void aTankBackAtTheWeathersTemperatureAfterAShortStopFiresThenSettlesAtItsNewLevelAndFollowsTheWeatherAfterwards() throws Exception {
    List<ParsedReading> input = new ArrayList<>(tank(0, 120, 1, s -> 10 + wobble(s)));
    // Back 10 minutes later (not long enough to relearn) at about 15 °C, warming towards 17 °C as the
    // simulator's tank does (time constant one hour), then cooling in the evening at 1.5 °C an hour for five hours.
    int back = 720;
    int evening = back + 2 * HOUR_S;
    input.addAll(tank(back, evening, 1, s -> 17 - 2 * Math.exp(-(s - back) / 3600.0) + wobble(s)));
    double atEvening = 17 - 2 * Math.exp(-2.0);
    input.addAll(tank(evening, evening + 5 * HOUR_S, 1, s -> atEvening - 1.5 * (s - evening) / 3600.0 + wobble(s)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.CONTAINER_TEMP);

    AnomalyAlert fired = alerts.get(0);
    assertEquals("firing", fired.state);
    assertEquals(at(back + 10), fired.detectedAt);
    assertTrue(fired.normal.min > 6.5 && fired.normal.max < 13.5, "the band learned before the stop: " + fired.normal.min + "–" + fired.normal.max);
    AnomalyAlert cleared = alerts.get(alerts.size() - 1);
    assertEquals("cleared", cleared.state);
    assertEquals(fired.alertId, cleared.alertId);
    // Held since it fired for the settle time, then back inside the band around that level for the clear time.
    assertEquals(at(back + 10 + SETTLE_S + 1 + 10), cleared.detectedAt);
    assertTrue(cleared.normal.min < cleared.value && cleared.value < cleared.normal.max && cleared.normal.min > 12, "settled band " + cleared.normal.min + "–" + cleared.normal.max);
    // Nothing else: no second episode while the tank warms to 17 °C and cools 7.5 °C over the evening.
    assertEquals(1, alerts.stream().map(alert -> alert.alertId).distinct().count());
  }

  @Test
  void aCoolingFailurePastTheCargosLimitStaysFiringWhileItLastsAndClearsWhenItEnds() throws Exception {
    // 18 °C, then +1 °C/s for 20 s and held at 38 °C (gasoline's limit is 35 °C) for two hours, then repaired.
    int end = 60 + 2 * HOUR_S;
    List<ParsedReading> input = new ArrayList<>(tank(0, 120, 1, s -> 18 + wobble(s)));
    input.addAll(tank(120, end, 1, s -> 18 + Math.min(s - 120, 20) + wobble(s)));
    input.addAll(tank(end, end + 60, 1, s -> 18 + wobble(s)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.CONTAINER_TEMP);
    assertEquals(List.of("firing", "cleared"), states(alerts));
    assertEquals("critical", alerts.get(0).severity);
    assertEquals(at(end + 10), alerts.get(1).detectedAt);
    assertTrue(alerts.get(1).normal.max < 22, "still judged against the band before the fault: " + alerts.get(1).normal.max);
  }

  @Test
  void aTankThatJumpedAndKeepsWarmingFasterThanTheWeatherMovesItNeverSettles() throws Exception {
    // A step from 12 °C to 18 °C, then on at 10 °C an hour for 90 minutes (to 33 °C, under gasoline's
    // 35 °C): the readings never hold one level for the settle time. (Such a rise alone, without the
    // step, is followed by the model as the weather would be; the cargo's limit is what catches it.)
    List<ParsedReading> input = new ArrayList<>(tank(0, 120, 1, s -> 12 + wobble(s)));
    input.addAll(tank(120, 120 + 90 * 60, 1, s -> 18 + 10.0 * (s - 120) / HOUR_S + wobble(s)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.CONTAINER_TEMP);
    assertTrue(alerts.stream().allMatch(AnomalyAlert::firing), "states " + states(alerts));
    assertEquals(1, alerts.stream().map(alert -> alert.alertId).distinct().count());
  }

  @Test
  void aLevelWithinTheCargosLimitsIsFiringForTheWholeSettleTimeBeforeItCountsAsNormal() throws Exception {
    // A step from 12 °C to 22 °C that stays: a new load, or a fault nobody fixed; well inside gasoline's 35 °C.
    List<ParsedReading> input = new ArrayList<>(tank(0, 120, 1, s -> 12 + wobble(s)));
    input.addAll(tank(120, 120 + HOUR_S, 1, s -> 22 + wobble(s)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.CONTAINER_TEMP);
    AnomalyAlert cleared = alerts.get(alerts.size() - 1);
    assertEquals("cleared", cleared.state);
    assertTrue(alerts.subList(0, alerts.size() - 1).stream().allMatch(AnomalyAlert::firing));
    assertEquals(at(130 + SETTLE_S + 1 + 10), cleared.detectedAt);
  }

  @Test
  void anEngineHoldingAnAbnormalLevelStaysFiringHoweverLong() throws Exception {
    // 105 °C for two hours: under the engine's 110 °C limit, but a thermostat does not drift with the weather.
    List<ParsedReading> input = Readings.series(2 * HOUR_S, s -> Readings.engine(105 + 0.3 * Math.sin(s / 7.0)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.ENGINE_TEMP);
    assertTrue(alerts.stream().allMatch(AnomalyAlert::firing), "states " + states(alerts));
  }

  @Test
  void aLevelIsOnlyHeldWhileItIsSeen() throws Exception {
    // Firing at 17.3 °C for a minute, silent 10 minutes (under the relearn time), back at 17.3 °C:
    // the silence does not count towards the settle time, so it settles a full settle time after it is back.
    List<ParsedReading> input = new ArrayList<>(tank(0, 120, 1, s -> 10 + wobble(s)));
    input.addAll(tank(120, 180, 1, s -> 17.3 + wobble(s)));
    int back = 180 + 10 * 60;
    input.addAll(tank(back, back + HOUR_S, 1, s -> 17.3 + wobble(s)));
    List<AnomalyAlert> alerts = ofMetric(DetectorHarness.run(input), MetricRule.CONTAINER_TEMP);
    assertEquals(List.of("firing", "inhibited", "firing", "cleared"), states(alerts));
    assertEquals(at(back + SETTLE_S + 1 + 10), alerts.get(3).detectedAt);
  }

  @Test
  void readsTheSettleTimeByItsReadmeNameWithinItsBounds() {
    dev.fleetwatch.flink.common.JobSettings settings = new dev.fleetwatch.flink.common.JobSettings(Map.of("ANOMALY_SETTLE_AFTER_S", "600"));
    assertEquals(600_000, AnomalySettings.from(settings).settleAfterMs());
    IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> AnomalySettings.from(settings.with("ANOMALY_SETTLE_AFTER_S", "59")));
    assertTrue(refused.getMessage().startsWith("ANOMALY_SETTLE_AFTER_S must be between 60 and 604800"), refused.getMessage());
  }
}
