package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.JobGraphs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job as the runner finds and builds it: listed for ServiceLoader, every stateful step under a stable uid. */
class AnomalyJobGraphTest {
  @Test
  void isFoundByNameAndBuildsItsGraphWithStableUidsForCheckpoints() {
    JobGraphs.assertBuildsWithUids("anomaly",
        List.of("anomaly-source-vehicle-state", "anomaly-source-previous-alerts", "anomaly-parse-readings", "anomaly-parse-previous", "anomaly-detector", "anomaly-dlq-sink"));
  }
}
