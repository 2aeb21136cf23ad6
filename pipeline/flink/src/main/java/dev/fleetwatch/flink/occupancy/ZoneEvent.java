package dev.fleetwatch.flink.occupancy;

/**
 * What a zone's operator is told: its row in the zones table, a sighting in it, or a badge
 * entering or leaving it (a badge's latest sighting moved here, moved on, or aged out).
 */
public class ZoneEvent {
  public enum Kind { ZONE, SIGHTING, ENTER, LEAVE }

  public Kind kind;
  public String zoneId;
  public String name;
  public int capacity;
  public String badgeId;
  public long ts;

  public ZoneEvent() {}

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
