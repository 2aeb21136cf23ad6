package dev.fleetwatch.flink.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.StreamJob;
import dev.fleetwatch.flink.common.StreamJobs;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The same jobs on a Flink cluster: {@code flink run -c dev.fleetwatch.flink.runner.ClusterJob
 * fleetwatch-flink-jobs.jar --job sales [--KAFKA_BROKERS b1:9092 ...]} (standalone, Kubernetes
 * operator), or as an Amazon Managed Service for Apache Flink application whose runtime
 * properties group {@value #PROPERTY_GROUP} holds the same setting names (and {@code job}).
 * Settings: environment, then the runtime properties, then {@code --NAME value} arguments.
 * Checkpointing is the cluster's (Managed Flink configures it itself); FLINK_CHECKPOINT_INTERVAL_S
 * applies only where the cluster has none.
 */
public final class ClusterJob {
  public static final String PROPERTY_GROUP = "FleetwatchSettings";
  /** Where Managed Service for Apache Flink puts an application's runtime properties. */
  static final String MANAGED_FLINK_PROPERTIES = "/etc/flink/application_properties.json";

  private ClusterJob() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> values = new HashMap<>(System.getenv());
    values.putAll(runtimeProperties(new File(MANAGED_FLINK_PROPERTIES)));
    values.putAll(arguments(args));
    JobSettings settings = new JobSettings(values);
    String name = settings.require("job");
    StreamJob job = StreamJobs.select(List.of(name)).get(0);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
      env.enableCheckpointing(FlinkSettings.from(settings).checkpointInterval().toMillis());
    }
    KafkaIO.ensureDeadLetterTopic(settings, job);
    job.build(env, settings);
    env.execute(job.name());
  }

  /** {@code --NAME value} pairs. */
  static Map<String, String> arguments(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --NAME value, got " + args[i]);
      if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " has no value");
      values.put(args[i].substring(2), args[++i]);
    }
    return values;
  }

  /** The {@value #PROPERTY_GROUP} group of Managed Flink's runtime properties; nothing when not on Managed Flink. */
  static Map<String, String> runtimeProperties(File file) throws IOException {
    Map<String, String> values = new HashMap<>();
    if (!file.exists()) return values;
    for (JsonNode group : Json.MAPPER.readTree(file)) {
      if (!PROPERTY_GROUP.equals(group.path("PropertyGroupId").asText())) continue;
      Iterator<Map.Entry<String, JsonNode>> fields = group.path("PropertyMap").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        values.put(field.getKey(), field.getValue().asText());
      }
    }
    return values;
  }
}
