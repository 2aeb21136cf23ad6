package dev.fleetwatch.flink.occupancy;

/**
 * The 15-minute tumbling windows of event time: a window is final once the watermark passes its
 * end, and a sighting for a final window is too late.
 */
final class ZoneWindows {
  static final long WINDOW_MS = 15 * 60_000L;

  private ZoneWindows() {}

  static long windowStartOf(long eventTime) {
    return Math.floorDiv(eventTime, WINDOW_MS) * WINDOW_MS;
  }

  static boolean isTooLate(long eventTime, long watermark) {
    return windowStartOf(eventTime) + WINDOW_MS <= watermark;
  }

  /** Window rows are keyed {@code zoneId|windowStart}, live rows {@code zoneId|live}: later rows replace earlier ones. */
  static String key(String zoneId, String windowStartOrLive) {
    return zoneId + "|" + windowStartOrLive;
  }
}
