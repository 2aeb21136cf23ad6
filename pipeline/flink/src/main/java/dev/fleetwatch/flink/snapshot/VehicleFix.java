package dev.fleetwatch.flink.snapshot;

/**
 * One {@code fleet.vehicle-state} record as the snapshot keeps it: the value's JSON as read (a
 * snapshot embeds it unchanged, never re-serialised), its {@code ts} and its Kafka timestamp.
 */
public class VehicleFix {
  public String vehicleId;
  /** The record's value, exactly as read from Kafka. */
  public String json;
  /** The fix's own time (the record's {@code ts}): the newest wins. */
  public long ts;
  /** The record's Kafka timestamp: when it became visible, and which snapshot it belongs to. */
  public long receivedAt;

  public VehicleFix() {}

  public VehicleFix(String vehicleId, String json, long ts, long receivedAt) {
    this.vehicleId = vehicleId;
    this.json = json;
    this.ts = ts;
    this.receivedAt = receivedAt;
  }

  /**
   * True when this fix replaces {@code current} in a snapshot: the newer {@code ts} wins, as in
   * lib/fleet/replay-fold.ts, so a late fix never replaces a newer one. On equal {@code ts} the one
   * Kafka received later wins (replay-fold's "the later-applied one", which reads in Kafka order),
   * and on equal both the later applied; so the outcome does not depend on which boundary's records
   * were applied first, and a replay after a restore gives the same snapshot.
   */
  boolean replaces(VehicleFix current) {
    return current == null || ts > current.ts || (ts == current.ts && receivedAt >= current.receivedAt);
  }
}
