package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.anomaly.Band.Position;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One vehicle's detector state, kept in Flink keyed state (the job is keyed by vehicle). Every
 * reading waits in a small buffer until the vehicle's own stream has moved the allowed lateness
 * past it, so readings that arrive out of order are judged in order; the output depends only on
 * the readings, never on when they arrived.
 */
public class VehicleTrack {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Readings not yet judged, oldest first. */
  public List<VehicleReading> pending = new ArrayList<>();
  public long newestTs = Long.MIN_VALUE;
  public long lastJudgedTs = Long.MIN_VALUE;
  /** Processing time of the newest arrival: a vehicle quiet this long has its held readings judged. */
  public long lastArrivalAt;
  public Map<String, MetricTrack> metrics = new HashMap<>();
  /** Episodes reported as firing before a start without state, per metric, continued when the metric is first judged. */
  public Map<String, AnomalyAlert> restored = new HashMap<>();
  /** Per metric, the newest start of an episode already reported cleared: an older firing (or inhibited) record is over. */
  public Map<String, Long> clearedUpTo = new HashMap<>();

  public VehicleTrack() {}

  /** One metric's model and episode. */
  public static class MetricTrack {
    public MetricRule rule;
    public NormalModel model = new NormalModel();
    public Episode episode = new Episode();
    /** A restored episode was last reported at this event time: readings up to it were judged already. */
    public Long resumeAfter;
    /** Firing only: event time since which the readings held one level (null: they do not), and the range they held. */
    public Long steadySince;
    public double steadyMin;
    public double steadyMax;

    public MetricTrack() {}

    /**
     * Whether the readings of the firing episode, {@code value} at {@code ts} the newest, have held one
     * level within the cargo's safety limits for {@code settleAfterMs}. A reading that breaks the range
     * starts a new run from itself; one past a safety limit is never a level to settle at.
     */
    boolean heldSteady(double value, long ts, long settleAfterMs) {
      if (!rule.withinSafety(value)) {
        steadySince = null;
        return false;
      }
      double min = Math.min(steadyMin, value);
      double max = Math.max(steadyMax, value);
      if (steadySince == null || max - min > rule.steadySpread()) {
        steadySince = ts;
        steadyMin = value;
        steadyMax = value;
        return false;
      }
      steadyMin = min;
      steadyMax = max;
      return ts - steadySince >= settleAfterMs;
    }
  }

  /** Holds {@code reading} back in event-time order; the reason it cannot be used if it is older than one already judged. */
  String add(VehicleReading reading, long arrivedAt) {
    lastArrivalAt = arrivedAt;
    if (reading.ts <= lastJudgedTs) {
      if (reading.ts == lastJudgedTs) return null; // the same reading twice (a producer retry)
      return "too-late: reading at " + ISO.format(Instant.ofEpochMilli(reading.ts)) + " arrived after " + (lastJudgedTs - reading.ts)
          + " ms newer readings of " + reading.vehicleId + " were judged";
    }
    int index = pending.size();
    while (index > 0 && pending.get(index - 1).ts > reading.ts) index -= 1;
    if (index > 0 && pending.get(index - 1).ts == reading.ts) return null;
    pending.add(index, reading);
    newestTs = Math.max(newestTs, reading.ts);
    return null;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Judges every held reading at or before {@code upTo} (event time), oldest first. */
  List<AnomalyAlert> release(long upTo, AnomalySettings settings) {
    List<AnomalyAlert> alerts = new ArrayList<>();
    while (!pending.isEmpty() && pending.get(0).ts <= upTo) {
      VehicleReading reading = pending.remove(0);
      judge(reading, settings, alerts);
      lastJudgedTs = reading.ts;
    }
    return alerts;
  }

  /** Judges what the vehicle's stream has moved the allowed lateness past. */
  List<AnomalyAlert> releaseDue(AnomalySettings settings) {
    return release(newestTs - settings.allowedLatenessMs(), settings);
  }

  /** A previous alert of this vehicle, read at start. Ignored once the metric has live state (from a checkpoint or already judged). */
  void restore(AnomalyAlert alert) {
    if (metrics.containsKey(alert.metric)) return;
    AnomalyAlert known = restored.get(alert.metric);
    if (alert.open()) {
      boolean over = alert.startedAt <= clearedUpTo.getOrDefault(alert.metric, Long.MIN_VALUE);
      if (!over && (known == null || known.startedAt <= alert.startedAt)) restored.put(alert.metric, alert);
      return;
    }
    clearedUpTo.merge(alert.metric, alert.startedAt, Math::max);
    if (known != null && known.alertId.equals(alert.alertId)) restored.remove(alert.metric);
  }

  private void judge(VehicleReading reading, AnomalySettings settings, List<AnomalyAlert> alerts) {
    long silentMs = lastJudgedTs == Long.MIN_VALUE ? 0 : reading.ts - lastJudgedTs;
    boolean gap = silentMs > settings.offlineGapMs();
    // Back after a long silence (a new load, other weather, a cold engine): what was learned before
    // no longer describes the vehicle, so it warms up again under the fixed limits, as on its first day.
    boolean relearn = silentMs > settings.relearnAfterMs();
    if (relearn) metrics.values().forEach(track -> track.model = new NormalModel());
    for (MetricRule.Watched watched : MetricRule.watched(reading)) {
      MetricRule rule = watched.rule();
      double value = watched.value();
      MetricTrack track = trackFor(rule, reading.ts, settings);
      Band learned = track.model.band(rule, settings.warmupSamples());
      if (track.resumeAfter != null && reading.ts <= track.resumeAfter) {
        // Already judged before the restart; its normal readings still teach the model.
        if (!watched.inhibited() && learned.positionOf(value, rule) == Position.INSIDE) track.model.learn(value);
        continue;
      }
      if (watched.inhibited() || gap) {
        // An offline gap is dated when the unit counted as offline, before the reading that ends it.
        long at = gap ? lastJudgedTs + settings.offlineGapMs() : reading.ts;
        Episode.Event event = track.episode.inhibit(at, value, watched.inhibited() ? watched.reason() : Episode.OFFLINE);
        if (event != null) alerts.add(toAlert(reading, rule, event));
        // A level only counts as held while it was seen: a silence or an offline unit starts the run anew.
        track.steadySince = null;
      }
      // After the inhibited record, which still reports the band the fault was seen against.
      if (relearn) track.episode.relearn(learned);
      if (watched.inhibited()) continue;
      Band band = track.episode.bandOr(learned);
      Position position = band.positionOf(value, rule);
      Episode.Reading seen = new Episode.Reading(reading.ts, value, position, band.excessRatio(value, rule), band);
      Episode.Event event = track.episode.observe(seen, rule, reading.vehicleId, settings.fireAfterMs(), settings.clearAfterMs());
      if (event != null) alerts.add(toAlert(reading, rule, event));
      settle(track, value, reading.ts, settings);
      // Only readings well inside teach the model: learning the edge lets a band follow a steady rise
      // read twice a second (a cooling failure at +1 °C/s) all the way up, so it never fired.
      if (!track.episode.abnormal() && position == Position.INSIDE) track.model.learn(value);
    }
  }

  /**
   * A tank's normal follows the weather, and it can move while an episode is open: a demo restarted
   * after a few minutes made every tank anew at the current weather's temperature, about 40 fired at
   * once against bands learned before the stop (7–13 °C, readings 15–17 °C), and with the band frozen
   * they never cleared. Readings that held one level for the settle time are that new normal: the model
   * starts over from the level, and the episode clears once they have been inside its band for the
   * clear time. A fault still rising never holds a level, nor does one past the cargo's safety limits.
   */
  private void settle(MetricTrack track, double value, long ts, AnomalySettings settings) {
    if (!track.rule.settles() || !track.episode.firing()) {
      track.steadySince = null;
      return;
    }
    if (!track.heldSteady(value, ts, settings.settleAfterMs())) return;
    track.model = NormalModel.settledAt((track.steadyMin + track.steadyMax) / 2, settings.warmupSamples());
    track.episode.relearn(track.model.band(track.rule, settings.warmupSamples()));
    track.steadySince = null;
  }

  /**
   * A track is made with its metric's rule, and made anew if the cargo (hence the limits) changes. An
   * episode restored from an alert reported longer than the relearn time before {@code ts} is judged by
   * the fixed limits, as after a long silence: its band was learned from readings that old.
   */
  private MetricTrack trackFor(MetricRule rule, long ts, AnomalySettings settings) {
    MetricTrack known = metrics.get(rule.metric);
    if (known != null && known.rule.sameLimits(rule)) return known;
    MetricTrack track = new MetricTrack();
    track.rule = rule;
    AnomalyAlert previous = restored.remove(rule.metric);
    if (previous != null && previous.normal != null) {
      AnomalyAlert.Range range = previous.normal;
      Band band = ts - previous.detectedAt > settings.relearnAfterMs()
          ? track.model.band(rule, settings.warmupSamples())
          : new Band(range.min, range.max, (range.min + range.max) / 2);
      track.episode.restore(previous.alertId, previous.startedAt, previous.severity, band, previous.inhibited() ? previous.reason : null);
      track.resumeAfter = previous.detectedAt;
    }
    metrics.put(rule.metric, track);
    return track;
  }

  private static AnomalyAlert toAlert(VehicleReading reading, MetricRule rule, Episode.Event event) {
    AnomalyAlert alert = new AnomalyAlert();
    alert.alertId = event.alertId();
    alert.vehicleId = reading.vehicleId;
    alert.fleet = reading.fleet;
    alert.plate = reading.plate;
    alert.metric = rule.metric;
    alert.value = event.value();
    alert.normal = new AnomalyAlert.Range(round2(event.band().min), round2(event.band().max));
    alert.startedAt = event.startedAt();
    alert.detectedAt = event.detectedAt();
    alert.severity = event.severity();
    alert.state = event.state();
    alert.reason = event.reason();
    return alert;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
