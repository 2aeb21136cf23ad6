package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.Serializable;

/** The sales job's settings, by the names the README's settings table gives them. */
public record SalesOptions(long allowedLatenessMs, long unknownStoreWaitMs, long dedupWindowMs, long partialEveryMs, long idlePartitionMs)
    implements Serializable {
  /** One-minute tumbling windows on event time. */
  public static final long WINDOW_MS = 60_000;

  /** The same bounds as server/config.ts gives these settings. */
  public SalesOptions {
    within("SALES_ALLOWED_LATENESS_S", allowedLatenessMs, 0, 3_600);
    within("SALES_UNKNOWN_STORE_WAIT_S", unknownStoreWaitMs, 0, 3_600);
    within("SALES_DEDUP_WINDOW_S", dedupWindowMs, 1, 86_400);
  }

  private static void within(String name, long valueMs, long minS, long maxS) {
    if (valueMs < minS * 1000 || valueMs > maxS * 1000) throw new IllegalArgumentException(name + " must be between " + minS + " and " + maxS + " seconds");
  }

  public static SalesOptions from(JobSettings settings) {
    return new SalesOptions(
        settings.getSeconds("SALES_ALLOWED_LATENESS_S", 30).toMillis(),
        settings.getSeconds("SALES_UNKNOWN_STORE_WAIT_S", 15).toMillis(),
        settings.getSeconds("SALES_DEDUP_WINDOW_S", 600).toMillis(),
        // Partial rows every ~2 s and a partition silent 15 s stops holding the watermark: as the README says.
        2_000,
        15_000);
  }

  public static long windowStartOf(long eventTime) {
    return Math.floorDiv(eventTime, WINDOW_MS) * WINDOW_MS;
  }

  /** The watermark at which a minute closes: its end plus the allowed lateness. */
  public long closesAt(long windowStart) {
    return windowStart + WINDOW_MS + allowedLatenessMs;
  }
}
