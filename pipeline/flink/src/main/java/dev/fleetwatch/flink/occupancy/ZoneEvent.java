package dev.fleetwatch.flink.occupancy;

/**
 * What a zone's operator is told: its row in the zones table, a sighting in it, a badge entering
 * or leaving it (a badge's latest sighting moved here, moved on, or aged out), or one of the job's
 * own earlier alerts on it (read back at a start without a checkpoint).
 */
public class ZoneEvent {
  public enum Kind { ZONE, SIGHTING, ENTER, LEAVE, PREVIOUS_ALERT }

  public Kind kind;
  public String zoneId;
  public String name;
  public int capacity;
  public String badgeId;
  public long ts;
  /** PREVIOUS_ALERT only: the alert's id, severity and whether it was the clearing ({@code ts} is its start). */
  public String alertId;
  public String severity;
  public boolean cleared;

  public ZoneEvent() {}

  static ZoneEvent previousAlert(String zoneId, String alertId, long startedAt, String severity, boolean cleared) {
    ZoneEvent event = new ZoneEvent();
    event.kind = Kind.PREVIOUS_ALERT;
    event.zoneId = zoneId;
    event.alertId = alertId;
    event.ts = startedAt;
    event.severity = severity;
    event.cleared = cleared;
    return event;
  }

  static ZoneEvent of(Kind kind, ZoneRef zone, String badgeId, long ts) {
    ZoneEvent event = new ZoneEvent();
    event.kind = kind;
    event.zoneId = zone.zoneId;
    event.name = zone.name;
    event.capacity = zone.capacity;
    event.badgeId = badgeId;
    event.ts = ts;
    return event;
  }

  ZoneRef zone() {
    return new ZoneRef(zoneId, name, capacity);
  }

  @Override
  public String toString() {
    return kind + " " + zoneId + " " + badgeId + "@" + ts;
  }
}
