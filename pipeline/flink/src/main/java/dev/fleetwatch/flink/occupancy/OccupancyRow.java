package dev.fleetwatch.flink.occupancy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A {@code campus.zone-occupancy} record (zoneOccupancySchema in lib/contracts/campus.ts). */
@JsonPropertyOrder({"zoneId", "name", "capacity", "windowStart", "windowEnd", "window", "uniqueBadges", "sightings", "final"})
public class OccupancyRow {
  public String zoneId;
  public String name;
  public int capacity;
  public String windowStart;
  public String windowEnd;
  /** {@code 15m} or {@code live}. */
  public String window;
  public long uniqueBadges;
  public long sightings;
  @com.fasterxml.jackson.annotation.JsonProperty("final")
  public boolean isFinal;

  public OccupancyRow() {}

  static OccupancyRow of(ZoneRef zone, long start, long end, String window, long uniqueBadges, long sightings, boolean isFinal) {
    OccupancyRow row = new OccupancyRow();
    row.zoneId = zone.zoneId;
    row.name = zone.name;
    row.capacity = zone.capacity;
    row.windowStart = Iso.format(start);
    row.windowEnd = Iso.format(end);
    row.window = window;
    row.uniqueBadges = uniqueBadges;
    row.sightings = sightings;
    row.isFinal = isFinal;
    return row;
  }

  String key() {
    return ZoneWindows.key(zoneId, window.equals("live") ? "live" : windowStart);
  }
}
