package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.anomaly.Band.Position;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One vehicle's one metric, in event time: normal → pending (outside since {@code startedAt}) →
 * firing once it stayed outside the fire time → cleared once back inside for the clear time. A
 * reading in the hysteresis margin at the band's edge neither starts nor ends anything: it
 * continues an outside run and interrupts a return to normal, so a value hovering at the edge
 * does not flap.
 */
public class Episode {
  static final String NORMAL = "normal";
  static final String PENDING = "pending";
  static final String FIRING = "firing";
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

  public Episode() {}

  /** A reading of the metric as the episode sees it. */
  record Reading(long ts, double value, Position position, double excess, Band band) {}

  /** A firing or cleared alert for the episode. */
  record Event(String state, String alertId, long startedAt, long detectedAt, String severity, double value, Band band) {}

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

  /** The band to judge against: frozen at an episode's start. */
  Band bandOr(Band current) {
    return abnormal() ? band : current;
  }

  /** Resumes an episode reported as firing before a start without state. */
  void restore(String restoredId, long restoredStart, String restoredSeverity, Band restoredBand) {
    toFiring(restoredId, restoredStart, restoredBand, 0, restoredSeverity);
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
      default -> {
        return continueFiring(reading, rule, clearAfterMs);
      }
    }
  }

  /** Context says the metric means nothing now (ignition off, unit offline): any episode ends. */
  Event inhibit(long ts, double value) {
    boolean wasFiring = FIRING.equals(phase);
    Event cleared = wasFiring ? new Event("cleared", alertId, startedAt, ts, severity, value, band) : null;
    toNormal();
    return cleared;
  }

  private Event continueFiring(Reading reading, MetricRule rule, long clearAfterMs) {
    if (reading.position() == Position.INSIDE) {
      if (insideSince == null) insideSince = reading.ts();
      if (reading.ts() - insideSince < clearAfterMs) return null;
      Event cleared = event("cleared", reading);
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
    return new Event(state, alertId, startedAt, reading.ts(), severity, reading.value(), band);
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
