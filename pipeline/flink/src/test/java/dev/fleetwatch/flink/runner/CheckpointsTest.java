package dev.fleetwatch.flink.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir
  Path dir;

  private void checkpoint(String run, int n, boolean complete, long modified) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("sales").resolve(run).resolve("chk-" + n));
    if (complete) {
      Path metadata = Files.writeString(folder.resolve("_metadata"), "x");
      metadata.toFile().setLastModified(modified);
    }
  }

  @Test
  void resumesFromTheNewestCompleteCheckpointOfAnyEarlierRun() throws Exception {
    checkpoint("run-a", 40, true, 1_000_000);
    checkpoint("run-b", 3, true, 2_000_000);
    checkpoint("run-b", 4, false, 0); // killed while writing: no _metadata
    String uri = FlinkSettings.from(new JobSettings(Map.of("FLINK_CHECKPOINT_DIR", dir.toString()))).checkpointUri("sales");
    String latest = Checkpoints.latest(uri).orElseThrow();
    assertTrue(latest.endsWith("run-b/chk-3"), latest);

    Checkpoints.pruneExcept(uri, latest);
    assertFalse(new File(dir.toFile(), "sales/run-a").exists());
    assertTrue(new File(dir.toFile(), "sales/run-b/chk-3/_metadata").exists());
  }

  @Test
  void aJobWithoutCheckpointsStartsFresh() throws Exception {
    assertTrue(Checkpoints.latest(dir.resolve("nothing").toUri().toString()).isEmpty());
  }

  @Test
  void keepsAnyFlinkUriAsGivenAndMakesPlainPathsAbsolute() {
    assertEquals("s3://bucket/fleetwatch/sales", FlinkSettings.from(new JobSettings(Map.of("FLINK_CHECKPOINT_DIR", "s3://bucket/fleetwatch/"))).checkpointUri("sales"));
    String local = FlinkSettings.from(new JobSettings(Map.of())).checkpointUri("sales");
    assertTrue(local.startsWith("file:/") && local.endsWith("/.data/flink/checkpoints/sales"), local);
  }

  @Test
  void readsManagedFlinkRuntimePropertiesOfTheSettingsGroup() throws Exception {
    Path file = dir.resolve("application_properties.json");
    Files.writeString(file, "[{\"PropertyGroupId\":\"FleetwatchSettings\",\"PropertyMap\":{\"job\":\"sales\",\"KAFKA_BROKERS\":\"b-1:9098\"}},"
        + "{\"PropertyGroupId\":\"Other\",\"PropertyMap\":{\"job\":\"no\"}}]");
    Map<String, String> values = ClusterJob.runtimeProperties(file.toFile());
    assertEquals(Map.of("job", "sales", "KAFKA_BROKERS", "b-1:9098"), values);
    assertEquals(Map.of("job", "occupancy"), ClusterJob.arguments(new String[] {"--job", "occupancy"}));
  }
}
