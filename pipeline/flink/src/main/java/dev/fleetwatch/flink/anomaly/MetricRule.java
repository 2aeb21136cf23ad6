package dev.fleetwatch.flink.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one metric's normal band is bounded. The learned band (mean ± k·std) is never narrower than
 * {@code minHalfWidth} (sensor noise alone must not alert), never reaches past the absolute safety
 * limits (a slow drift must not teach the model that danger is normal), and for one-sided metrics
 * never sits below {@code alwaysNormalBelow} (a warming engine is not an anomaly).
 */
public class MetricRule {
  public static final String ENGINE_TEMP = "engineTempC";
  public static final String CONTAINER_TEMP = "containerTempC";

  public String metric;
  /** Which side of the band alerts: a cold engine is fine, a tank can fail both ways. */
  public boolean bothSides;
  public double minHalfWidth;
  /** Once firing, a reading only counts as back to normal this far inside the band. */
  public double hysteresis;
  public double safetyMin;
  public double safetyMax;
  /** One-sided metrics only: readings below this are normal whatever the history (null: none). */
  public Double alwaysNormalBelow;

  public MetricRule() {}

  MetricRule(String metric, boolean bothSides, double minHalfWidth, double hysteresis, double safetyMin, double safetyMax, Double alwaysNormalBelow) {
    this.metric = metric;
    this.bothSides = bothSides;
    this.minHalfWidth = minHalfWidth;
    this.hysteresis = hysteresis;
    this.safetyMin = safetyMin;
    this.safetyMax = safetyMax;
    this.alwaysNormalBelow = alwaysNormalBelow;
  }

  /** Coolant: thermostats hold 85–95 °C; past 110 °C the engine is damaging itself, whatever its history. */
  static final MetricRule ENGINE = new MetricRule(ENGINE_TEMP, false, 6, 2, -60, 110, 100.0);

  /** Tank limits per cargo: flammable liquids must stay well under their vapour risk; LPG under its pressure limit. */
  private static final Map<String, double[]> CONTAINER_SAFETY = Map.of(
      "gasoline", new double[] {-5, 35},
      "diesel", new double[] {-5, 40},
      "naphtha", new double[] {-5, 35},
      "lpg", new double[] {-10, 30});

  static MetricRule container(String cargo) {
    double[] safety = CONTAINER_SAFETY.get(cargo == null ? "gasoline" : cargo);
    return new MetricRule(CONTAINER_TEMP, true, 3, 1, safety[0], safety[1], null);
  }

  /**
   * A tank follows the weather, so a level it holds steadily is its normal, even one that moved while
   * an episode was open; an engine is held by its thermostat, so an engine holding an abnormal level
   * is a fault however long it lasts. Read from the metric, not stored, so checkpointed rules get it too.
   */
  boolean settles() {
    return CONTAINER_TEMP.equals(metric);
  }

  /** How far apart readings may be and still count as holding one level: they all sit well inside the narrowest band around it. */
  double steadySpread() {
    return 2 * (minHalfWidth - hysteresis);
  }

  boolean withinSafety(double value) {
    return value >= safetyMin && value <= safetyMax;
  }

  /** The same limits: a track made for other limits (the cargo changed) is made anew. */
  boolean sameLimits(MetricRule other) {
    return safetyMin == other.safetyMin && safetyMax == other.safetyMax;
  }

  /** One metric of one reading: its rule, its value and the context that says to ignore it now (null: none). */
  record Watched(MetricRule rule, double value, String reason) {
    boolean inhibited() {
      return reason != null;
    }
  }

  static List<Watched> watched(VehicleReading reading) {
    List<Watched> watched = new ArrayList<>(2);
    watched.add(new Watched(ENGINE, reading.engineTempC, reading.ignition ? null : Episode.IGNITION_OFF));
    if ("tankers".equals(reading.fleet) && reading.containerTempC != null) {
      watched.add(new Watched(container(reading.cargo), reading.containerTempC, "offline".equals(reading.status) ? Episode.OFFLINE : null));
    }
    return watched;
  }
}
