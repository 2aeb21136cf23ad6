package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.anomaly.Band.Position;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One vehicle's one metric, in event time: normal → pending (outside since {@code startedAt}) →
 * firing once it stayed outside the fire time → cleared once back inside for the clear time.
 * Context that makes the metric meaningless (ignition off, unit offline) pauses a firing episode
 * as inhibited, with the reason: the fault was not seen to end, so it is never reported cleared
 * then; when the context ends the same episode resumes firing, or clears once back inside. A
 * reading in the hysteresis margin at the band's edge neither starts nor ends anything: it
 * continues an outside run and interrupts a return to normal, so a value hovering at the edge
 * does not flap.
 */
public class Episode {
  static final String NORMAL = "normal";
  static final String PENDING = "pending";
  static final String FIRING = "firing";
  static final String INHIBITED = "inhibited";
  static final String CLEARED = "cleared";
  /** Why an episode is inhibited: the alert contract's {@code reason}. */
  static final String IGNITION_OFF = "ignition-off";
  static final String OFFLINE = "offline";
  private static final long LONG_MS = 60_000;
  private static final long MEDIUM_MS = 30_000;

  public String phase = NORMAL;
  public String alertId;
  public long startedAt;
  /** Frozen at the episode's start, so a long anomaly cannot widen it. */
  public Band band;
  public double peakExcess;
  public String severity;
  /** Firing only: back inside since this event time (null: not back inside). */
  public Long insideSince;
  /** Inhibited only: what paused it ({@link #IGNITION_OFF}, {@link #OFFLINE}). */
  public String reason;

  public Episode() {}

  /** A reading of the metric as the episode sees it. */
  record Reading(long ts, double value, Position position, double excess, Band band) {}

  /** A firing, inhibited or cleared alert for the episode ({@code reason} set only when inhibited). */
  record Event(String state, String alertId, long startedAt, long detectedAt, String severity, double value, Band band, String reason) {}

  /** Deterministic: the same vehicle, metric and episode start always give the same id. */
  static String alertId(String vehicleId, String metric, long startedAt) {
    String readable = "anomaly." + vehicleId + "." + metric + "." + startedAt;
    if (readable.length() <= 128) return readable;
    return "anomaly." + sha256Hex(vehicleId + "|" + metric + "|" + startedAt).substring(0, 40);
  }

  /** True while the model must not learn: readings of an anomaly are not normal readings. */
  boolean abnormal() {
    return !NORMAL.equals(phase);
  }

  boolean firing() {
    return FIRING.equals(phase);
  }

  /** The band to judge against: frozen at an episode's start. */
  Band bandOr(Band current) {
    return abnormal() ? band : current;
  }

  /** Resumes an episode reported as firing (or inhibited, with its reason) before a start without state. */
  void restore(String restoredId, long restoredStart, String restoredSeverity, Band restoredBand, String restoredReason) {
    toFiring(restoredId, restoredStart, restoredBand, 0, restoredSeverity);
    if (restoredReason != null) {
      phase = INHIBITED;
      reason = restoredReason;
    }
  }

  /**
   * The vehicle's model started over (silent past the relearn time: {@code fresh} is the fixed limits
   * a new vehicle gets; or its readings settled at a new level: {@code fresh} is around that level),
   * so from now on the episode is judged against {@code fresh}. A pending one ends unseen; a firing or
   * inhibited one keeps its id and state, and clears once readings count as back inside the new band.
   */
  void relearn(Band fresh) {
    if (PENDING.equals(phase)) toNormal();
    else if (abnormal()) band = fresh;
  }

  Event observe(Reading reading, MetricRule rule, String vehicleId, long fireAfterMs, long clearAfterMs) {
    switch (phase) {
      case NORMAL -> {
        if (reading.position() == Position.OUTSIDE) {
          phase = PENDING;
          startedAt = reading.ts();
          band = reading.band();
          peakExcess = reading.excess();
        }
        return null;
      }
      case PENDING -> {
        if (reading.position() == Position.INSIDE) {
          toNormal();
          return null;
        }
        peakExcess = Math.max(peakExcess, reading.excess());
        if (reading.ts() - startedAt < fireAfterMs) return null;
        String level = severityOf(peakExcess, reading.ts() - startedAt, reading.value(), rule);
        toFiring(alertId(vehicleId, rule.metric, startedAt), startedAt, band, peakExcess, level);
        return event(FIRING, reading);
      }
      case INHIBITED -> {
        return resume(reading, rule, clearAfterMs);
      }
      default -> {
        return continueFiring(reading, rule, clearAfterMs);
      }
    }
  }

  /**
   * Context says the metric means nothing now (ignition off, unit offline): a pending episode ends
   * unseen, a firing one pauses as inhibited under its id (reported once, with {@code why}).
   */
  Event inhibit(long ts, double value, String why) {
    if (PENDING.equals(phase)) toNormal();
    if (!FIRING.equals(phase)) return null;
    phase = INHIBITED;
    reason = why;
    insideSince = null;
    return new Event(INHIBITED, alertId, startedAt, ts, severity, value, band, why);
  }

  /**
   * The context that inhibited the episode is over: still outside, it fires again under the same id;
   * inside, it counts towards clearing like any firing episode (and reads inhibited until then).
   */
  private Event resume(Reading reading, MetricRule rule, long clearAfterMs) {
    phase = FIRING;
    reason = null;
    if (reading.position() == Position.INSIDE) return continueFiring(reading, rule, clearAfterMs);
    peakExcess = Math.max(peakExcess, reading.excess());
    String level = severityOf(peakExcess, reading.ts() - startedAt, reading.value(), rule);
    if (rank(level) > rank(severity)) severity = level;
    return event(FIRING, reading);
  }

  private Event continueFiring(Reading reading, MetricRule rule, long clearAfterMs) {
    if (reading.position() == Position.INSIDE) {
      if (insideSince == null) insideSince = reading.ts();
      if (reading.ts() - insideSince < clearAfterMs) return null;
      Event cleared = event(CLEARED, reading);
      toNormal();
      return cleared;
    }
    insideSince = null;
    peakExcess = Math.max(peakExcess, reading.excess());
    String level = severityOf(peakExcess, reading.ts() - startedAt, reading.value(), rule);
    // Severity only grows within an episode; each step up is reported under the same id.
    if (rank(level) <= rank(severity)) return null;
    severity = level;
    return event(FIRING, reading);
  }

  private Event event(String state, Reading reading) {
    return new Event(state, alertId, startedAt, reading.ts(), severity, reading.value(), band, null);
  }

  private void toFiring(String id, long start, Band frozen, double peak, String level) {
    phase = FIRING;
    alertId = id;
    startedAt = start;
    band = frozen;
    peakExcess = peak;
    severity = level;
    insideSince = null;
  }

  private void toNormal() {
    phase = NORMAL;
    alertId = null;
    band = null;
    severity = null;
    insideSince = null;
    peakExcess = 0;
    reason = null;
  }

  /** Bigger and longer is worse: past a safety limit, twice the band's half-width, or a minute is critical. */
  static String severityOf(double peakExcess, long durationMs, double value, MetricRule rule) {
    if (value > rule.safetyMax || value < rule.safetyMin || peakExcess >= 2 || durationMs >= LONG_MS) return "critical";
    if (peakExcess >= 0.5 || durationMs >= MEDIUM_MS) return "warning";
    return "info";
  }

  private static int rank(String severity) {
    return "critical".equals(severity) ? 2 : "warning".equals(severity) ? 1 : 0;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
