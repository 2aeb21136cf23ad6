package dev.fleetwatch.flink.occupancy;

/**
 * One alert episode per zone at a time: {@code firing} when the live count reaches the threshold,
 * {@code firing} again if it goes past full capacity (severity up), {@code cleared} once it drops
 * below the threshold minus the hysteresis. The id is the zone plus the episode's start on the
 * event-time grid, so the firing and the clearing of one episode share it and a replay of the same
 * input gives the same id.
 */
final class CapacityAlerts {
  private CapacityAlerts() {}

  /** The open episode of a zone: kept in the zone operator's state, so it survives a restore. */
  public static class Episode {
    public String alertId;
    public long startedAt;
    public String severity;

    public Episode() {}
  }

  /** What an evaluation did: the alert to write (or null) and the zone's episode after it (or null). */
  record Outcome(CapacityAlert alert, Episode episode) {}

  static String alertId(String zoneId, long startedAt) {
    return "capacity." + zoneId + "." + startedAt;
  }

  /** {@code evaluatedAt} is event time on the live grid (the same input gives the same ids); {@code now} stamps detection. */
  static Outcome evaluate(OccupancySettings settings, ZoneRef zone, long count, Episode open, long evaluatedAt, long now) {
    double pct = count * 100.0 / zone.capacity;
    if (open == null) {
      if (pct < settings.thresholdPct()) return new Outcome(null, null);
      Episode started = new Episode();
      started.alertId = alertId(zone.zoneId, evaluatedAt);
      started.startedAt = evaluatedAt;
      started.severity = severityOf(pct);
      return new Outcome(alert(settings, zone, count, started, "firing", now), started);
    }
    if (pct < settings.thresholdPct() - settings.hysteresisPct()) return new Outcome(alert(settings, zone, count, open, "cleared", now), null);
    if (severityOf(pct).equals("critical") && !open.severity.equals("critical")) {
      open.severity = "critical";
      return new Outcome(alert(settings, zone, count, open, "firing", now), open);
    }
    return new Outcome(null, open);
  }

  private static CapacityAlert alert(OccupancySettings settings, ZoneRef zone, long count, Episode episode, String state, long now) {
    CapacityAlert alert = new CapacityAlert();
    alert.alertId = episode.alertId;
    alert.zoneId = zone.zoneId;
    alert.value = count;
    alert.normal = new CapacityAlert.Band(0, (long) Math.floor(zone.capacity * settings.thresholdPct() / 100));
    alert.startedAt = episode.startedAt;
    alert.detectedAt = now;
    alert.severity = episode.severity;
    alert.state = state;
    return alert;
  }

  /** Over capacity is critical: that is a safety problem, not only a busy room. */
  private static String severityOf(double pct) {
    return pct >= 100 ? "critical" : "warning";
  }
}
