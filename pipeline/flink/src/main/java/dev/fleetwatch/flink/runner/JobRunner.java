package dev.fleetwatch.flink.runner;

import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.StreamJob;
import dev.fleetwatch.flink.common.StreamJobs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.metrics.prometheus.LoopbackPrometheusReporter;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar fleetwatch-flink-jobs.jar [job...]}: the stream jobs on a Flink mini cluster in
 * this JVM (npm run demo / npm run jobs). Each job is its own Flink job, so one failing restarts
 * alone; each resumes from its newest complete checkpoint. SIGTERM checkpoints, cancels and stops.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** Within the 10 s a process group gives a child between SIGTERM and SIGKILL. */
  private static final long SHUTDOWN_CHECKPOINT_MS = 3_000;
  private static final long SHUTDOWN_CANCEL_MS = 3_000;

  private final MiniCluster cluster;
  private final Map<String, JobID> jobs = new LinkedHashMap<>();

  private JobRunner(MiniCluster cluster) {
    this.cluster = cluster;
  }

  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.fromEnvironment();
    FlinkSettings flink;
    List<StreamJob> selected;
    try {
      flink = FlinkSettings.from(settings);
      selected = StreamJobs.select(Arrays.stream(args).filter(arg -> !arg.startsWith("-")).toList());
    } catch (IllegalArgumentException e) {
      System.err.println("flink runner: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (selected.isEmpty()) {
      System.err.println("flink runner: no jobs registered");
      System.exit(2);
    }
    JobRunner runner;
    try {
      runner = start(flink, selected.size());
      for (StreamJob job : selected) runner.submit(job, settings, flink);
    } catch (Exception e) {
      // A port in use or an unreadable checkpoint: say so and exit, instead of a JVM kept alive by Flink's threads.
      LOG.error("cannot start the jobs: {}", rootMessage(e), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.stop();
      stopped.countDown();
    }, "flink-runner-shutdown"));
    runner.watch(stopped);
  }

  private static JobRunner start(FlinkSettings flink, int jobCount) throws Exception {
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(clusterConfiguration(flink))
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(flink.parallelism() * jobCount)
        .build());
    cluster.start();
    LOG.info("Flink web UI and REST API on http://127.0.0.1:{} ; Prometheus metrics on http://127.0.0.1:{}/metrics", flink.restPort(), flink.prometheusPort());
    return new JobRunner(cluster);
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    return error.getMessage() + (cause != error ? " (" + cause.getMessage() + ")" : "");
  }

  /** The mini cluster: REST API and web UI on loopback, Prometheus reporter on loopback. */
  static Configuration clusterConfiguration(FlinkSettings flink) {
    Configuration conf = new Configuration();
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, flink.restPort());
    conf.set(RestOptions.BIND_PORT, String.valueOf(flink.restPort()));
    conf.set(MetricOptions.REPORTERS_LIST, "prom");
    conf.setString("metrics.reporter.prom.factory.class", LoopbackPrometheusReporter.Factory.class.getName());
    conf.setString("metrics.reporter.prom.host", "127.0.0.1");
    conf.setString("metrics.reporter.prom.port", String.valueOf(flink.prometheusPort()));
    return conf;
  }

  private void submit(StreamJob job, JobSettings settings, FlinkSettings flink) throws Exception {
    KafkaIO.ensureDeadLetterTopic(settings, job);
    String folder = flink.checkpointUri(job.name());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Checkpoints.jobConfiguration(flink, job.name()));
    job.build(env, settings);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(job.name());
    Optional<String> checkpoint = Checkpoints.latest(folder);
    if (checkpoint.isPresent()) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(checkpoint.get(), false));
      Checkpoints.pruneExcept(folder, checkpoint.get());
      LOG.info("job {}: resumed from checkpoint {}", job.name(), checkpoint.get());
    } else {
      LOG.info("job {}: no checkpoint in {} yet, starting from the group's committed offsets (else the earliest)", job.name(), folder);
    }
    JobID id = cluster.submitJob(graph).get().getJobID();
    jobs.put(job.name(), id);
    LOG.info("job {} submitted as Flink job {}", job.name(), id);
  }

  /** Logs every job's state change (running, restarting, failed...) until the runner is stopped. */
  private void watch(CountDownLatch stopped) throws InterruptedException {
    Map<String, JobStatus> last = new LinkedHashMap<>();
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      for (Map.Entry<String, JobID> job : jobs.entrySet()) {
        JobStatus status;
        try {
          status = cluster.getJobStatus(job.getValue()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
          continue;
        }
        if (status != last.get(job.getKey())) {
          last.put(job.getKey(), status);
          if (status == JobStatus.FAILED) LOG.error("job {} failed; see the web UI for the cause", job.getKey());
          else LOG.info("job {} {}", job.getKey(), status.name().toLowerCase());
        }
      }
    }
  }

  /** A last checkpoint (so a restart replays little), then cancel (checkpoints are retained) and stop the cluster. */
  private void stop() {
    LOG.info("stopping: checkpointing and cancelling {}", String.join(", ", jobs.keySet()));
    CompletableFuture<?>[] checkpoints = jobs.values().stream()
        .map(id -> cluster.triggerCheckpoint(id, CheckpointType.FULL).exceptionally(error -> null))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(checkpoints).get(SHUTDOWN_CHECKPOINT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("final checkpoint not complete in time; the jobs resume from the one before");
    }
    CompletableFuture<?>[] cancelled = jobs.values().stream()
        .map(id -> cluster.cancelJob(id).thenCompose(ack -> cluster.requestJobResult(id)).exceptionally(error -> null))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(cancelled).get(SHUTDOWN_CANCEL_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("jobs not cancelled in time; stopping the cluster anyway");
    }
    try {
      cluster.closeAsync().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("mini cluster did not stop cleanly: {}", e.getMessage());
    }
    LOG.info("stopped");
  }
}
