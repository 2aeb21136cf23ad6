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
  public double lat;
  public double lon;
  public double speedKmh;
  /**
   * Since when the vehicle has reported this position, and whether a repeat of it claimed motion
   * (lib/fleet/freshness.ts StillPositions, the frozen-GPS rule), over the fixes folded so far.
   */
  public long positionSince;
  public boolean movedWhileStill;
  /** While waiting for its boundary: every fix folded into this one stood at its position, so the run may go on from the snapshot's fix. */
  public boolean stillSinceFirst;
  /** While waiting: the first of those fixes claimed motion (a repeat, if the snapshot's fix stood at the same position). */
  public boolean firstMoving;

  public VehicleFix() {}

  public VehicleFix(String vehicleId, byte[] state, long ts, long receivedAt, double lat, double lon, double speedKmh) {
    this.vehicleId = vehicleId;
    this.state = state;
    this.ts = ts;
    this.receivedAt = receivedAt;
    this.lat = lat;
    this.lon = lon;
    this.speedKmh = speedKmh;
    this.positionSince = ts;
    this.movedWhileStill = false;
    this.stillSinceFirst = true;
    this.firstMoving = speedKmh >= MOVING_KMH;
  }

  /** lib/fleet/freshness.ts MOVING_KMH: below it an unchanged position is expected. */
  static final double MOVING_KMH = 5;

  boolean samePosition(VehicleFix other) {
    return other != null && other.lat == lat && other.lon == lon;
  }

  /**
   * This fix, the newest of a vehicle's fixes waiting for one boundary, follows {@code previous}, the
   * one it replaces there: the still-position run goes on when the position is the same, as
   * StillPositions.note does for consecutive fixes.
   */
  void follow(VehicleFix previous) {
    if (previous == null) return;
    if (!samePosition(previous)) {
      stillSinceFirst = false;
      return;
    }
    positionSince = previous.positionSince;
    movedWhileStill = previous.movedWhileStill || speedKmh >= MOVING_KMH;
    stillSinceFirst = previous.stillSinceFirst;
    firstMoving = previous.firstMoving;
  }

  /**
   * This fix (folded from a boundary's fixes) joins a snapshot where {@code current} was the vehicle's
   * newest: a run that began with the boundary's first fix at {@code current}'s position goes on from
   * it, and that first fix counts as a repeat.
   */
  void joinAfter(VehicleFix current) {
    if (stillSinceFirst && samePosition(current)) {
      positionSince = current.positionSince;
      movedWhileStill = current.movedWhileStill || firstMoving || movedWhileStill;
    }
    stillSinceFirst = false;
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
