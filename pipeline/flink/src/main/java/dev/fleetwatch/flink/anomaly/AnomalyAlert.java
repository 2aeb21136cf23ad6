package dev.fleetwatch.flink.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One {@code fleet.anomalies} record: the shared alert shape of lib/contracts/alerts.ts with {@code kind: "anomaly"}. */
@JsonPropertyOrder({"alertId", "kind", "team", "vehicleId", "fleet", "plate", "metric", "value", "normal", "startedAt", "detectedAt", "severity", "state", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnomalyAlert {
  public String alertId;
  public String kind = "anomaly";
  public String team = "fleet";
  public String vehicleId;
  public String fleet;
  public String plate;
  public String metric;
  public double value;
  /** The band the episode was judged against; null for a record of an older producer that wrote mean and std. */
  public Range normal;
  public long startedAt;
  public long detectedAt;
  public String severity;
  /** "firing", "inhibited" (paused by context, see {@link #reason}) or "cleared". */
  public String state;
  /** Inhibited only: "ignition-off" or "offline". */
  public String reason;

  public AnomalyAlert() {}

  public boolean firing() {
    return "firing".equals(state);
  }

  public boolean inhibited() {
    return "inhibited".equals(state);
  }

  /** The episode is not over: firing, or paused by context. */
  public boolean open() {
    return firing() || inhibited();
  }

  /** The {@code {min, max}} form of the contract's normal band. */
  @JsonPropertyOrder({"min", "max"})
  public static class Range {
    public double min;
    public double max;

    public Range() {}

    public Range(double min, double max) {
      this.min = min;
      this.max = max;
    }
  }
}
