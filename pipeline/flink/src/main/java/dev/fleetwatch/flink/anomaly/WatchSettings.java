package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.Serializable;

/**
 * When the silence watch raises its alerts: the same settings, names and bounds by which the BFF
 * marks a vehicle offline or its GPS frozen (README settings table, server/config.ts), so the list's
 * mark and the alert agree.
 */
public record WatchSettings(long offlineAfterMs, long frozenAfterMs) implements Serializable {
  /** Below this a vehicle is taken as standing still, so an unchanged position is expected (lib/fleet/freshness.ts MOVING_KMH). */
  public static final double MOVING_KMH = 5;

  public static WatchSettings from(JobSettings settings) {
    return new WatchSettings(seconds(settings, "FLEET_OFFLINE_AFTER_S", 30, 5), seconds(settings, "FLEET_FROZEN_GPS_AFTER_S", 10, 2));
  }

  private static long seconds(JobSettings settings, String name, int fallback, int min) {
    int value = settings.getInt(name, fallback);
    if (value < min || value > 3600) throw new IllegalArgumentException(name + " must be between " + min + " and 3600, got " + value);
    return value * 1000L;
  }
}
