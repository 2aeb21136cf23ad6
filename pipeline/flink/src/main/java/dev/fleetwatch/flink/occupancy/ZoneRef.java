package dev.fleetwatch.flink.occupancy;

/** What a row needs to know of its zone, from the zones table. */
public class ZoneRef {
  public String zoneId;
  public String name;
  public int capacity;

  public ZoneRef() {}

  public ZoneRef(String zoneId, String name, int capacity) {
    this.zoneId = zoneId;
    this.name = name;
    this.capacity = capacity;
  }
}
