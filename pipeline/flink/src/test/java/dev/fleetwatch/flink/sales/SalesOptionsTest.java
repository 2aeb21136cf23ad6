package dev.fleetwatch.flink.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.JobSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sales settings by their README names, defaults and bounds (as server/config.ts). */
class SalesOptionsTest {
  @Test
  void readsTheReadmesSettingsWithTheirDefaults() {
    SalesOptions defaults = SalesOptions.from(new JobSettings(Map.of()));
    assertEquals(30_000, defaults.allowedLatenessMs());
    assertEquals(15_000, defaults.unknownStoreWaitMs());
    assertEquals(600_000, defaults.dedupWindowMs());
    SalesOptions set = SalesOptions.from(new JobSettings(Map.of("SALES_ALLOWED_LATENESS_S", "120", "SALES_UNKNOWN_STORE_WAIT_S", "2", "SALES_DEDUP_WINDOW_S", "60")));
    assertEquals(120_000, set.allowedLatenessMs());
    assertEquals(2_000, set.unknownStoreWaitMs());
    assertEquals(60_000, set.dedupWindowMs());
  }

  @Test
  void refusesAValueOutOfBoundsByName() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SalesOptions.from(new JobSettings(Map.of("SALES_DEDUP_WINDOW_S", "0"))));
    assertTrue(error.getMessage().startsWith("SALES_DEDUP_WINDOW_S must be between 1 and 86400 seconds"));
  }
}
