package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.Serializable;

/**
 * The occupancy job's settings: the README's names for what an operator may tune, the
 * processor's documented timings for the rest.
 *
 * @param thresholdPct a zone at or above this share of its capacity (percent) raises an alert
 * @param hysteresisPct it clears only below {@code thresholdPct - hysteresisPct}, so a count hovering at the line does not flap
 * @param allowedLatenessMs how far behind its partition's newest event time a sighting may arrive and still count
 * @param idlePartitionMs a partition silent this long (wall time) lets event time run on at wall speed
 * @param liveEveryMs the grid (event time) of the live figure, the alerts on it and the open windows' partial rows
 * @param unknownSensorWaitMs a sighting from a sensor in no zone waits this long for the zone to load
 */
public record OccupancySettings(
    double thresholdPct, double hysteresisPct, long allowedLatenessMs, long idlePartitionMs, long liveEveryMs, long unknownSensorWaitMs)
    implements Serializable {

  public static OccupancySettings from(JobSettings settings) {
    double threshold = settings.getDouble("ZONE_ALERT_THRESHOLD_PCT", 90);
    double hysteresis = settings.getDouble("ZONE_ALERT_HYSTERESIS_PCT", 10);
    // The same bounds as server/config.ts, so a setting the BFF refuses is refused here too.
    if (!(threshold > 0 && threshold <= 1000)) throw new IllegalArgumentException("ZONE_ALERT_THRESHOLD_PCT must be above 0 and at most 1000, got " + threshold);
    if (!(hysteresis >= 0 && hysteresis <= 100)) throw new IllegalArgumentException("ZONE_ALERT_HYSTERESIS_PCT must be between 0 and 100, got " + hysteresis);
    return new OccupancySettings(threshold, hysteresis, 60_000, 30_000, 10_000, 10_000);
  }
}
