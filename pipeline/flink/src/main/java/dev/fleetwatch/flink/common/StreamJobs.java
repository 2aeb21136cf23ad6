package dev.fleetwatch.flink.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered jobs (META-INF/services), found by name for the runner and a cluster submission alike. */
public final class StreamJobs {
  private StreamJobs() {}

  public static Map<String, StreamJob> all() {
    Map<String, StreamJob> jobs = new LinkedHashMap<>();
    for (StreamJob job : ServiceLoader.load(StreamJob.class)) jobs.put(job.name(), job);
    return jobs;
  }

  /** The named jobs, all of them when {@code names} is empty; an unknown name is an error that lists the known ones. */
  public static List<StreamJob> select(List<String> names) {
    Map<String, StreamJob> all = all();
    if (names.isEmpty()) return new ArrayList<>(all.values());
    List<StreamJob> selected = new ArrayList<>();
    for (String name : names) {
      StreamJob job = all.get(name);
      if (job == null) throw new IllegalArgumentException("unknown job \"" + name + "\"; known: " + String.join(", ", all.keySet()));
      selected.add(job);
    }
    return selected;
  }
}
