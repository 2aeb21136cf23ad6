package dev.fleetwatch.flink.snapshot;

/**
 * One {@code fleet.vehicle-state} record as the snapshot keeps it: the value's bytes as read (a
 * snapshot embeds them unchanged; kept as bytes, not text, so a fix costs no decoding and is copied
 * between operators and into state as one array; only the winners are decoded, once per snapshot),
 * its {@code ts} and its Kafka timestamp.
 */
public class VehicleFix {
  public String vehicleId;
  /** The record's value (UTF-8 JSON), exactly as read from Kafka. */
  public byte[] state;
  /** The fix's own time (the record's {@code ts}): the newest wins. */
  public long ts;
  /** The record's Kafka timestamp: when it became visible, and which snapshot it belongs to. */
  public long receivedAt;

  public VehicleFix() {}

  public VehicleFix(String vehicleId, byte[] state, long ts, long receivedAt) {
    this.vehicleId = vehicleId;
    this.state = state;
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
