package dev.fleetwatch.flink.occupancy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A {@code campus.zone-alerts} record: the shared alert shape of lib/contracts/alerts.ts, kind {@code capacity}. */
@JsonPropertyOrder({"alertId", "kind", "team", "zoneId", "metric", "value", "normal", "startedAt", "detectedAt", "severity", "state"})
public class CapacityAlert {
  public String alertId;
  public String kind = "capacity";
  public String team = "security";
  public String zoneId;
  public String metric = "occupancy";
  public long value;
  public Band normal;
  public long startedAt;
  public long detectedAt;
  public String severity;
  /** {@code firing} or {@code cleared}. */
  public String state;

  /** The normal band: up to the threshold's share of the capacity. */
  public static class Band {
    public long min;
    public long max;

    public Band() {}

    Band(long min, long max) {
      this.min = min;
      this.max = max;
    }
  }
}
