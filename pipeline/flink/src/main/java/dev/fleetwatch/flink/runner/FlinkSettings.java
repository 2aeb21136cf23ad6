package dev.fleetwatch.flink.runner;

import dev.fleetwatch.flink.common.JobSettings;
import java.io.File;
import java.net.URI;
import java.time.Duration;

/**
 * The FLINK_* settings (README settings table; validated on the TypeScript side by server/config.ts
 * too). Ports matter only to the embedded runner; checkpoints and parallelism to every deployment.
 */
public record FlinkSettings(int restPort, int prometheusPort, String checkpointDir, Duration checkpointInterval, int parallelism) {

  public static FlinkSettings from(JobSettings settings) {
    Duration interval = settings.getSeconds("FLINK_CHECKPOINT_INTERVAL_S", 10);
    if (interval.toMillis() < 100) throw new IllegalArgumentException("FLINK_CHECKPOINT_INTERVAL_S must be at least 0.1");
    int parallelism = settings.getInt("FLINK_PARALLELISM", 1);
    if (parallelism < 1) throw new IllegalArgumentException("FLINK_PARALLELISM must be at least 1");
    return new FlinkSettings(
        port(settings, "FLINK_REST_PORT", 8081),
        port(settings, "FLINK_PROMETHEUS_PORT", 9249),
        settings.get("FLINK_CHECKPOINT_DIR", ".data/flink/checkpoints"),
        interval,
        parallelism);
  }

  /** The checkpoint folder of one job as a URI: a plain path is a local folder (relative to the working directory), anything with a scheme (s3://, hdfs://, file://) is used as given. */
  public String checkpointUri(String jobName) {
    String base = checkpointDir.replaceAll("/+$", "");
    if (base.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) return base + "/" + jobName;
    URI local = new File(base, jobName).getAbsoluteFile().toURI();
    return local.toString();
  }

  private static int port(JobSettings settings, String name, int fallback) {
    int port = settings.getInt(name, fallback);
    if (port < 1 || port > 65_535) throw new IllegalArgumentException(name + " must be a port (1-65535), got " + port);
    return port;
  }
}
