package dev.fleetwatch.flink.snapshot;

import dev.fleetwatch.flink.common.JobGraphs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job as the runner finds and builds it: listed for ServiceLoader, every stateful step under a stable uid. */
class FleetSnapshotJobGraphTest {
  @Test
  void isFoundByNameAndBuildsItsGraphWithStableUidsForCheckpoints() {
    JobGraphs.assertBuildsWithUids("fleet-snapshot",
        List.of("fleet-snapshot-source-vehicle-state", "fleet-snapshot-read", "fleet-snapshot-buckets", "fleet-snapshot-sink", "fleet-snapshot-dlq-sink"));
  }
}
