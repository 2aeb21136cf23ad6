package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.Serializable;

/**
 * The anomaly job's settings, by the names and within the bounds the README's settings table and
 * server/config.ts give them; a value out of bounds stops the job at start with the setting's name.
 */
public record AnomalySettings(
    long fireAfterMs,
    long clearAfterMs,
    long allowedLatenessMs,
    int warmupSamples,
    long replayMs,
    long offlineGapMs,
    long relearnAfterMs,
    long settleAfterMs)
    implements Serializable {

  public static AnomalySettings from(JobSettings settings) {
    return new AnomalySettings(
        bounded(settings, "ANOMALY_FIRE_AFTER_S", 10, 1, 3600) * 1000L,
        bounded(settings, "ANOMALY_CLEAR_AFTER_S", 10, 1, 3600) * 1000L,
        bounded(settings, "ANOMALY_ALLOWED_LATENESS_MS", 500, 0, 60_000),
        bounded(settings, "ANOMALY_WARMUP_SAMPLES", 30, 1, 100_000),
        bounded(settings, "ANOMALY_REPLAY_S", 120, 0, 24 * 3600) * 1000L,
        bounded(settings, "FLEET_OFFLINE_AFTER_S", 30, 5, 3600) * 1000L,
        bounded(settings, "ANOMALY_RELEARN_AFTER_S", 900, 60, 7 * 24 * 3600) * 1000L,
        bounded(settings, "ANOMALY_SETTLE_AFTER_S", 1800, 60, 7 * 24 * 3600) * 1000L);
  }

  private static int bounded(JobSettings settings, String name, int fallback, int min, int max) {
    int value = settings.getInt(name, fallback);
    if (value < min || value > max) throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    return value;
  }
}
