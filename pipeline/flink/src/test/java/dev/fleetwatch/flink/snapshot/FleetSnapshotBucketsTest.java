package dev.fleetwatch.flink.snapshot;

import static dev.fleetwatch.flink.snapshot.SnapshotHarness.SETTINGS;
import static dev.fleetwatch.flink.snapshot.SnapshotHarness.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.snapshot.SnapshotHarness.Chunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The bucket operator: what a snapshot at a boundary holds, late and out-of-order fixes, quiet buckets, chunks, retention, restore. */
class FleetSnapshotBucketsTest {
  static final long INTERVAL = SETTINGS.intervalMs();
  /** Two vehicles in different buckets, so each test shows per-bucket behaviour too. */
  static final String CAB = "cab-0001";
  static final String OTHER = otherBucketThan(CAB);

  static String otherBucketThan(String vehicleId) {
    return IntStream.range(2, 100).mapToObj(i -> String.format("cab-%04d", i))
        .filter(id -> SETTINGS.bucketOf(id) != SETTINGS.bucketOf(vehicleId)).findFirst().orElseThrow();
  }

  static String inBucketOf(String vehicleId, SnapshotSettings settings, int skip) {
    return IntStream.range(100, 10_000).mapToObj(i -> String.format("cab-%04d", i))
        .filter(id -> settings.bucketOf(id) == settings.bucketOf(vehicleId)).skip(skip).findFirst().orElseThrow();
  }

  /** The entry of {@code vehicleId} in the snapshot at {@code at} among {@code chunks}, or null. */
  static JsonNode entry(List<Chunk> chunks, long at, String vehicleId) {
    JsonNode found = null;
    for (Chunk chunk : chunks) {
      JsonNode entry = chunk.at() == at ? chunk.vehicle(vehicleId) : null;
      if (entry != null) {
        assertNull(found, vehicleId + " twice in the snapshot at " + at);
        found = entry;
      }
    }
    return found;
  }

  static double speed(JsonNode entry) {
    return entry.get("state").get("speedKmh").asDouble();
  }

  static List<Long> moments(List<Chunk> chunks, int bucket) {
    return chunks.stream().filter(chunk -> chunk.bucket() == bucket).map(Chunk::at).toList();
  }

  @Test
  void holdsEachVehiclesNewestFixAmongTheRecordsUpToTheBoundaryAndNoneAfterIt() throws Exception {
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      buckets.fix(CAB, T - 5_000, T - 5_000, 10).fix(CAB, T - 1_000, T - 900, 20).fix(CAB, T, T, 30).fix(CAB, T + 1, T + 1, 40)
          .fix(OTHER, T - 3_000, T - 2_000, 60);
      assertTrue(buckets.watermark(T - 1).drain().isEmpty(), "nothing before the watermark passes the boundary");

      List<Chunk> atT = buckets.watermark(T).drain();
      assertEquals(2, atT.size(), "one record per bucket holding vehicles");
      assertTrue(atT.stream().allMatch(chunk -> chunk.at() == T && chunk.chunk() == 0 && chunk.chunks() == 1));
      assertEquals(30, speed(entry(atT, T, CAB)), "the record at the boundary itself counts; the one after it does not");
      assertEquals(T, entry(atT, T, CAB).get("receivedAt").asLong());
      assertEquals(SnapshotHarness.state(CAB, T, 30), entry(atT, T, CAB).get("state").toString(), "the state as read");
      assertEquals(T - 2_000, entry(atT, T, OTHER).get("receivedAt").asLong());

      List<Chunk> next = buckets.watermark(T + INTERVAL).drain();
      assertEquals(40, speed(entry(next, T + INTERVAL, CAB)));
      assertEquals(60, speed(entry(next, T + INTERVAL, OTHER)), "a vehicle without news stays in its bucket's snapshot");
    }
  }

  /**
   * The frozen-GPS rule's history (lib/fleet/freshness.ts StillPositions): since when the vehicle
   * reported its position, and whether a repeat of it claimed motion, carried across boundaries as
   * the replay's fold of every record in Kafka order would give it.
   */
  @Test
  void carriesSinceWhenEachVehicleStoodAtItsPositionAcrossBoundaries() throws Exception {
    double moved = SnapshotHarness.LAT + 0.01;
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      // Boundary T: elsewhere, then at LAT twice, the first time standing (0 km/h), then claiming 40 km/h.
      buckets.fix(CAB, T - 9_000, T - 9_000, 30, moved).fix(CAB, T - 6_000, T - 6_000, 0).fix(CAB, T - 3_000, T - 3_000, 40).watermark(T);
      JsonNode atT = entry(buckets.drain(), T, CAB);
      assertEquals(T - 6_000, atT.get("positionSince").asLong(), "since the first fix at this position");
      assertTrue(atT.get("movedWhileStill").asBoolean(), "a repeat claimed motion");

      // Boundary T + 1 interval: still there, standing: the run goes on from the snapshot's fix.
      buckets.fix(CAB, T + 2_000, T + 2_000, 0).watermark(T + INTERVAL);
      JsonNode next = entry(buckets.drain(), T + INTERVAL, CAB);
      assertEquals(T - 6_000, next.get("positionSince").asLong());
      assertTrue(next.get("movedWhileStill").asBoolean());

      // Then it moves: a new run, with no motion claimed at the new position yet.
      buckets.fix(CAB, T + INTERVAL + 1_000, T + INTERVAL + 1_000, 30, moved).watermark(T + 2 * INTERVAL);
      JsonNode after = entry(buckets.drain(), T + 2 * INTERVAL, CAB);
      assertEquals(T + INTERVAL + 1_000, after.get("positionSince").asLong());
      assertFalse(after.get("movedWhileStill").asBoolean());

      // A first fix of a boundary that repeats the snapshot's position counts as a repeat: 30 km/h there is motion while still.
      buckets.fix(CAB, T + 2 * INTERVAL + 1_000, T + 2 * INTERVAL + 1_000, 30, moved).fix(CAB, T + 2 * INTERVAL + 2_000, T + 2 * INTERVAL + 2_000, 0, moved)
          .watermark(T + 3 * INTERVAL);
      JsonNode repeated = entry(buckets.drain(), T + 3 * INTERVAL, CAB);
      assertEquals(T + INTERVAL + 1_000, repeated.get("positionSince").asLong());
      assertTrue(repeated.get("movedWhileStill").asBoolean());
    }
  }

  @Test
  void aLateRecordJoinsTheNextSnapshotNotTheOneAlreadyWritten() throws Exception {
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      buckets.fix(CAB, T - 1_000, T - 1_000).watermark(T);
      assertNull(entry(buckets.drain(), T, OTHER));
      // Received before T, but after the watermark passed it: the snapshot at T is written already.
      buckets.fix(OTHER, T - 500, T - 500, 70);
      assertTrue(buckets.drain().isEmpty());
      List<Chunk> next = buckets.watermark(T + INTERVAL).drain();
      assertEquals(70, speed(entry(next, T + INTERVAL, OTHER)), "a bucket whose first record was late is written at the next boundary");
      assertEquals(T - 500, entry(next, T + INTERVAL, OTHER).get("receivedAt").asLong());
      assertNotNull(entry(next, T + INTERVAL, CAB));
    }
  }

  @Test
  void aNewerTsWinsAndAnOlderTsArrivingLaterNeverReplacesIt() throws Exception {
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      // Within one boundary: the older fix arrives second.
      buckets.fix(CAB, T - 2_000, T - 2_000, 20).fix(CAB, T - 5_000, T - 1_000, 5).watermark(T);
      assertEquals(20, speed(entry(buckets.drain(), T, CAB)));
      // Late, and older than what the snapshot holds.
      buckets.fix(CAB, T - 3_000, T - 50, 7);
      // Across boundaries: the newer fix is waiting for T + 2 intervals, an older one arrives for T + 1 interval.
      buckets.fix(OTHER, T + INTERVAL + 5_000, T + INTERVAL + 1, 80).fix(OTHER, T + 1_000, T + 2_000, 8);
      List<Chunk> next = buckets.watermark(T + 2 * INTERVAL).drain();
      assertEquals(20, speed(entry(next, T + INTERVAL, CAB)));
      assertEquals(8, speed(entry(next, T + INTERVAL, OTHER)), "at T + 1 interval only the fix received by then");
      assertEquals(20, speed(entry(next, T + 2 * INTERVAL, CAB)));
      assertEquals(80, speed(entry(next, T + 2 * INTERVAL, OTHER)));
      // The same ts twice: the one Kafka received later wins, as replay-fold's later-applied one.
      buckets.fix(CAB, T + 25_000, T + 25_000, 30).fix(CAB, T + 25_000, T + 26_000, 31).fix(OTHER, T + 25_000, T + 26_000, 90).fix(OTHER, T + 25_000, T + 25_000, 91);
      List<Chunk> tie = buckets.watermark(T + 3 * INTERVAL).drain();
      assertEquals(31, speed(entry(tie, T + 3 * INTERVAL, CAB)));
      assertEquals(90, speed(entry(tie, T + 3 * INTERVAL, OTHER)), "the one received later, though it arrived first");
    }
  }

  @Test
  void aBucketWhoseVehiclesWentQuietIsStillWrittenAtEveryBoundary() throws Exception {
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      buckets.fix(CAB, T - 1_000, T - 1_000);
      int bucket = SETTINGS.bucketOf(CAB);
      List<Chunk> written = new ArrayList<>();
      for (int step = 0; step < 4; step++) {
        buckets.fix(OTHER, T + step * INTERVAL - 10, T + step * INTERVAL - 10).watermark(T + step * INTERVAL + 500);
        written.addAll(buckets.drain());
      }
      assertEquals(List.of(T, T + INTERVAL, T + 2 * INTERVAL, T + 3 * INTERVAL), moments(written, bucket));
      List<Chunk> quiet = written.stream().filter(chunk -> chunk.bucket() == bucket).toList();
      assertEquals(quiet.get(0).vehicles(), quiet.get(quiet.size() - 1).vehicles(), "the same content at every boundary");

      // The input paused for 100 intervals and resumed: the quiet bucket is written at the last few boundaries only.
      long resumed = T + 103 * INTERVAL + 500;
      List<Chunk> jump = buckets.fix(OTHER, resumed, resumed).watermark(resumed).drain();
      List<Long> expected = momentsFrom(T + (103 - BucketSnapshots.QUIET_FILL + 1) * INTERVAL, T + 103 * INTERVAL);
      assertEquals(List.of(T + 4 * INTERVAL), moments(jump, bucket).subList(0, 1), "the boundary due before the pause");
      assertEquals(expected, moments(jump, bucket).subList(1, moments(jump, bucket).size()));
      assertEquals(T + 104 * INTERVAL, firstMomentAfter(buckets, T + 104 * INTERVAL, bucket), "and then every interval again");
    }
  }

  static List<Long> momentsFrom(long from, long to) {
    List<Long> moments = new ArrayList<>();
    for (long at = from; at <= to; at += INTERVAL) moments.add(at);
    return moments;
  }

  static long firstMomentAfter(SnapshotHarness buckets, long watermark, int bucket) throws Exception {
    return moments(buckets.watermark(watermark).drain(), bucket).get(0);
  }

  @Test
  void splitsABucketIntoChunksOfAtMost250VehiclesEachWrittenOnce() throws Exception {
    SnapshotSettings oneBucket = new SnapshotSettings(INTERVAL, 1, 3_600_000);
    try (SnapshotHarness buckets = new SnapshotHarness(oneBucket)) {
      for (int i = 0; i < 600; i++) buckets.fix(String.format("cab-%04d", i), T - 1_000 - i, T - 1_000);
      List<Chunk> chunks = buckets.watermark(T).drain();
      assertEquals(List.of(0, 1, 2), chunks.stream().map(Chunk::chunk).toList());
      assertTrue(chunks.stream().allMatch(chunk -> chunk.chunks() == 3 && chunk.bucket() == 0 && chunk.at() == T));
      assertEquals(List.of(250, 250, 100), chunks.stream().map(chunk -> chunk.vehicles().size()).toList());
      Set<String> seen = new HashSet<>();
      for (Chunk chunk : chunks) for (JsonNode entry : chunk.vehicles()) assertTrue(seen.add(entry.get("state").get("vehicleId").asText()));
      assertEquals(600, seen.size());
    }
  }

  @Test
  void dropsAVehicleWhoseNewestRecordIsOlderThanTheRetentionAndStopsWritingAnEmptyBucket() throws Exception {
    SnapshotSettings oneMinute = new SnapshotSettings(INTERVAL, SETTINGS.buckets(), 60_000);
    String neighbour = inBucketOf(CAB, oneMinute, 0);
    try (SnapshotHarness buckets = new SnapshotHarness(oneMinute)) {
      buckets.fix(CAB, T - 1_000, T - 1_000).fix(OTHER, T - 1_000, T - 1_000);
      for (long at = T; at <= T + 5 * INTERVAL; at += INTERVAL) buckets.fix(neighbour, at - 1, at - 1);
      List<Chunk> kept = buckets.watermark(T + 5 * INTERVAL).drain();
      assertNotNull(entry(kept, T + 5 * INTERVAL, CAB), "received 59 s before the snapshot: within retention");

      buckets.fix(neighbour, T + 6 * INTERVAL - 1, T + 6 * INTERVAL - 1);
      List<Chunk> dropped = buckets.watermark(T + 6 * INTERVAL).drain();
      assertNull(entry(dropped, T + 6 * INTERVAL, CAB), "received 61 s before: gone");
      assertNotNull(entry(dropped, T + 6 * INTERVAL, neighbour));
      assertTrue(moments(dropped, SETTINGS.bucketOf(OTHER)).isEmpty(), "a bucket left empty is not written");
      assertTrue(moments(buckets.watermark(T + 10 * INTERVAL).drain(), SETTINGS.bucketOf(OTHER)).isEmpty(), "nor later");
    }
  }

  @Test
  void aSnapshotWrittenAgainAfterARestoreIsTheSameRecords() throws Exception {
    OperatorSubtaskState checkpoint;
    List<String> original = new ArrayList<>();
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      buckets.fix(CAB, T - 1_000, T - 1_000).fix(OTHER, T - 2_000, T - 2_000).watermark(T).drain();
      buckets.fix(CAB, T + 1_000, T + 1_000, 33).fix(inBucketOf(OTHER, SETTINGS, 0), T + 2_000, T + 2_000);
      checkpoint = buckets.harness.snapshot(1, T + 2_000);
      for (Chunk chunk : buckets.watermark(T + INTERVAL).drain()) original.add(chunk.json());
    }
    try (SnapshotHarness restored = new SnapshotHarness(SETTINGS, checkpoint)) {
      List<String> again = new ArrayList<>();
      for (Chunk chunk : restored.watermark(T + INTERVAL).drain()) again.add(chunk.json());
      assertEquals(new HashSet<>(original), new HashSet<>(again));
      assertEquals(original.size(), again.size());
      assertNotEquals(0, again.size());
    }
  }

  @Test
  void aRestoreWithAnotherIntervalAndBucketCountWritesEachVehicleInItsNewBucketOnTheNewGrid() throws Exception {
    OperatorSubtaskState checkpoint;
    try (SnapshotHarness buckets = new SnapshotHarness(SETTINGS)) {
      for (int i = 0; i < 20; i++) buckets.fix(String.format("cab-%04d", i), T - 1_000, T - 1_000);
      buckets.watermark(T).drain();
      checkpoint = buckets.harness.snapshot(1, T);
    }
    SnapshotSettings changed = new SnapshotSettings(7_000, 3, SETTINGS.retentionMs());
    try (SnapshotHarness restored = new SnapshotHarness(changed, checkpoint)) {
      for (int i = 0; i < 10; i++) restored.fix(String.format("cab-%04d", i), T + 1_000, T + 1_000);
      // drain() checks every vehicle written sits in its bucket by the new count.
      List<Chunk> written = restored.watermark(T + 20_000).drain();
      assertTrue(written.stream().allMatch(chunk -> chunk.at() % 7_000 == 0), "on the new grid only");
      long last = changed.boundaryAtOrBefore(T + 20_000);
      Set<String> vehicles = new HashSet<>();
      for (Chunk chunk : written) if (chunk.at() == last) for (JsonNode entry : chunk.vehicles()) assertTrue(vehicles.add(entry.get("state").get("vehicleId").asText()));
      assertTrue(vehicles.containsAll(IntStream.range(0, 10).mapToObj(i -> String.format("cab-%04d", i)).toList()), vehicles.toString());
    }
  }
}
