package dev.fleetwatch.flink.occupancy;

/** A row of {@code campus.zones} as the job needs it: the zone and the sensors in it. */
public class Zone {
  public String zoneId;
  public String name;
  public int capacity;
  public String[] sensors;

  public Zone() {}

  public Zone(String zoneId, String name, int capacity, String... sensors) {
    this.zoneId = zoneId;
    this.name = name;
    this.capacity = capacity;
    this.sensors = sensors;
  }

  ZoneRef ref() {
    return new ZoneRef(zoneId, name, capacity);
  }
}
