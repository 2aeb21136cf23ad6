package dev.fleetwatch.flink.runner;

import dev.fleetwatch.flink.common.Keying;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Where a job's checkpoints go and which one it resumes from. Each job has its own folder
 * ({@code <FLINK_CHECKPOINT_DIR>/<job>}); Flink writes {@code <job id>/chk-<n>/_metadata} under it,
 * and {@code _metadata} is written last, so a folder with one is a complete checkpoint.
 */
public final class Checkpoints {
  private static final String METADATA = "_metadata";

  private Checkpoints() {}

  /** The job-level configuration: checkpoints every interval, kept when the job is cancelled, restarts with backoff. */
  public static Configuration jobConfiguration(FlinkSettings flink, String jobName) {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, flink.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, flink.checkpointUri(jobName));
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    conf.set(CoreOptions.DEFAULT_PARALLELISM, flink.parallelism());
    // Nothing rescales a job on the mini cluster, so at parallelism 1 keyed steps may skip the shuffle.
    conf.set(Keying.FIXED_PARALLELISM, true);
    // A poison record never fails a job (it goes to dlq.<job>); what does fail it (a broker gone) is retried
    // with backoff for ever, so a job comes back on its own once the cause is fixed.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, java.time.Duration.ofSeconds(1));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, java.time.Duration.ofSeconds(30));
    return conf;
  }

  /** The newest complete checkpoint in a job's folder (any earlier run of it), if there is one. */
  public static Optional<String> latest(String jobCheckpointUri) throws IOException {
    Path root = new Path(jobCheckpointUri);
    FileSystem fs = root.getFileSystem();
    if (!fs.exists(root)) return Optional.empty();
    FileStatus newest = null;
    for (FileStatus run : list(fs, root)) {
      if (!run.isDir()) continue;
      for (FileStatus checkpoint : list(fs, run.getPath())) {
        if (!checkpoint.isDir() || !checkpoint.getPath().getName().startsWith("chk-")) continue;
        Path metadata = new Path(checkpoint.getPath(), METADATA);
        if (!fs.exists(metadata)) continue;
        FileStatus status = fs.getFileStatus(metadata);
        if (newest == null || status.getModificationTime() > newest.getModificationTime()) newest = status;
      }
    }
    return newest == null ? Optional.empty() : Optional.of(newest.getPath().getParent().toString());
  }

  /** Deletes the folders of earlier runs except the one holding {@code keep}: each restart would otherwise leave one behind. */
  public static void pruneExcept(String jobCheckpointUri, String keep) throws IOException {
    Path root = new Path(jobCheckpointUri);
    FileSystem fs = root.getFileSystem();
    String keepRun = new Path(keep).getParent().toString();
    for (FileStatus run : list(fs, root)) {
      if (run.isDir() && !run.getPath().toString().equals(keepRun)) fs.delete(run.getPath(), true);
    }
  }

  private static FileStatus[] list(FileSystem fs, Path path) throws IOException {
    FileStatus[] entries = fs.listStatus(path);
    return entries == null ? new FileStatus[0] : entries;
  }
}
