package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.flink.configuration.ExecutionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the live telemetry's job flushes records between its steps within 5 ms; the others wait Flink's default. */
class BufferTimeoutTest {
  @Test
  void fleetStateSendsAFixOnWithinFiveMilliseconds() {
    assertEquals(5, JobGraphs.built("fleet-state").getBufferTimeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"anomaly", "sales", "occupancy", "fleet-snapshot"})
  void jobsWhoseOutputWaitsSecondsAnywayKeepFlinksDefault(String job) {
    assertEquals(ExecutionOptions.BUFFER_TIMEOUT.defaultValue().toMillis(), JobGraphs.built(job).getBufferTimeout());
  }
}
