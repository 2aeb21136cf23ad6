package dev.fleetwatch.flink.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * One vehicle's silence watch (the keyed state of {@link SilenceWatch}): whether it is offline (no
 * fix for {@code FLEET_OFFLINE_AFTER_S}) or its GPS frozen (one position for
 * {@code FLEET_FROZEN_GPS_AFTER_S} while a repeat of it claimed motion), and the alert of each
 * episode. An episode's id comes from its start (the last fix before the silence, the first fix at
 * the frozen position), so a replay writes the same alert again; it clears under that id when data
 * resumes or the position moves.
 *
 * <p>"Claimed motion" is remembered for the position, not read off the latest fix: a frozen unit's
 * speed still drops to zero at every junction, and the mark must not go and come back with it.
 */
public class VehicleWatch {
  public static final String OFFLINE = "offline";
  public static final String GPS_FROZEN = "gpsFrozen";

  public String vehicleId;
  public String fleet;
  public String plate;
  public long lastTs = Long.MIN_VALUE;
  public long lastArrivalAt;
  /** The current position, null until the first fix (or after a restore that knows no position). */
  public Double lat;
  public Double lon;
  public long positionSince;
  public boolean movedWhileStill;
  public String offlineId;
  public long offlineStartedAt;
  public String frozenId;
  public long frozenStartedAt;
  /** Episodes reported cleared up to these starts: an older firing record read later is over. */
  public long offlineClearedUpTo = Long.MIN_VALUE;
  public long frozenClearedUpTo = Long.MIN_VALUE;
  /** The processing-time check registered, 0 when none is. */
  public long timerAt;

  public VehicleWatch() {}

  /** A fix arrived (at processing time {@code now}): what it ends, and a frozen GPS it shows. */
  List<AnomalyAlert> onReading(VehicleReading reading, long now, WatchSettings settings) {
    List<AnomalyAlert> out = new ArrayList<>();
    vehicleId = reading.vehicleId;
    fleet = reading.fleet;
    plate = reading.plate;
    lastArrivalAt = now;
    if (reading.ts <= lastTs) return out; // a late or repeated fix says nothing about now
    if (offlineId != null) {
      out.add(alert(offlineId, OFFLINE, reading.ts - offlineStartedAt, settings.offlineAfterMs(), offlineStartedAt, reading.ts, "cleared"));
      offlineId = null;
    }
    lastTs = reading.ts;
    boolean known = lat != null;
    boolean samePosition = known && lat == reading.lat && lon == reading.lon;
    if (!samePosition) {
      if (known && frozenId != null) {
        out.add(alert(frozenId, GPS_FROZEN, reading.ts - frozenStartedAt, settings.frozenAfterMs(), frozenStartedAt, reading.ts, "cleared"));
        frozenId = null;
      }
      lat = reading.lat;
      lon = reading.lon;
      positionSince = reading.ts;
      movedWhileStill = false;
    } else if (reading.speedKmh >= WatchSettings.MOVING_KMH) {
      movedWhileStill = true;
    }
    if (frozenId == null && movedWhileStill && reading.ts - positionSince >= settings.frozenAfterMs()) {
      frozenId = Episode.alertId(vehicleId, GPS_FROZEN, positionSince);
      frozenStartedAt = positionSince;
      out.add(alert(frozenId, GPS_FROZEN, reading.ts - positionSince, settings.frozenAfterMs(), positionSince, reading.ts, "firing"));
    }
    return out;
  }

  /** When the vehicle counts as offline if nothing arrives: silent by its newest fix's time and by arrival (a replay's old fixes arrive now). */
  long offlineDueAt(WatchSettings settings) {
    return Math.max(lastTs, lastArrivalAt) + settings.offlineAfterMs();
  }

  /** The processing-time check: the offline alert, once, when the vehicle stayed silent; null otherwise. */
  AnomalyAlert onQuiet(long now, WatchSettings settings) {
    if (offlineId != null || lastTs == Long.MIN_VALUE || now < offlineDueAt(settings)) return null;
    offlineId = Episode.alertId(vehicleId, OFFLINE, lastTs);
    offlineStartedAt = lastTs;
    return alert(offlineId, OFFLINE, now - lastTs, settings.offlineAfterMs(), lastTs, now, "firing");
  }

  /**
   * An alert this watch wrote before the job started without a checkpoint: a firing episode
   * continues under its id; one the vehicle already ended (it reported, or moved, since) is
   * cleared now, which this returns.
   */
  AnomalyAlert restore(AnomalyAlert previous, WatchSettings settings) {
    if (vehicleId == null) {
      vehicleId = previous.vehicleId;
      fleet = previous.fleet;
      plate = previous.plate;
    }
    boolean offline = OFFLINE.equals(previous.metric);
    if (!previous.firing()) {
      if (offline) {
        offlineClearedUpTo = Math.max(offlineClearedUpTo, previous.startedAt);
        if (previous.alertId.equals(offlineId)) offlineId = null;
      } else {
        frozenClearedUpTo = Math.max(frozenClearedUpTo, previous.startedAt);
        if (previous.alertId.equals(frozenId)) frozenId = null;
      }
      return null;
    }
    if (offline) {
      if (previous.startedAt <= offlineClearedUpTo || (offlineId != null && offlineStartedAt >= previous.startedAt)) return null;
      if (lastTs > previous.startedAt) return alert(previous.alertId, OFFLINE, lastTs - previous.startedAt, settings.offlineAfterMs(), previous.startedAt, lastTs, "cleared");
      offlineId = previous.alertId;
      offlineStartedAt = previous.startedAt;
      return null;
    }
    if (previous.startedAt <= frozenClearedUpTo || (frozenId != null && frozenStartedAt >= previous.startedAt)) return null;
    if (lat != null && positionSince > previous.startedAt) return alert(previous.alertId, GPS_FROZEN, positionSince - previous.startedAt, settings.frozenAfterMs(), previous.startedAt, positionSince, "cleared");
    frozenId = previous.alertId;
    frozenStartedAt = previous.startedAt;
    return null;
  }

  /** value: seconds silent or frozen; normal: up to the setting's limit, in seconds. */
  private AnomalyAlert alert(String alertId, String metric, long elapsedMs, long limitMs, long startedAt, long detectedAt, String state) {
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = alertId;
    alert.vehicleId = vehicleId;
    alert.fleet = fleet;
    alert.plate = plate == null || plate.isEmpty() || plate.length() > 32 ? null : plate;
    alert.metric = metric;
    alert.value = Math.round(elapsedMs / 100.0) / 10.0;
    alert.normal = new AnomalyAlert.Range(0, limitMs / 1000.0);
    alert.startedAt = startedAt;
    alert.detectedAt = detectedAt;
    alert.severity = "warning";
    alert.state = state;
    return alert;
  }
}
