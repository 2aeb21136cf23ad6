package dev.fleetwatch.flink.snapshot;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.common.Keying;
import dev.fleetwatch.flink.common.StreamJob;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code fleet.vehicle-state} → {@code fleet.snapshots}: every {@code FLEET_SNAPSHOT_INTERVAL_S} a
 * snapshot of the whole fleet (each vehicle's newest state), so a replay reads one snapshot and the
 * seconds after it instead of minutes of fixes (issue 16). Vehicles are spread over
 * {@code FLEET_SNAPSHOT_BUCKETS} buckets by the Java hash of their id; each bucket's snapshot is
 * written under the bucket's number, in chunks of at most 250 vehicles, with the Kafka timestamp set
 * to the snapshot's moment {@code at} (the BFF finds it by offsets-for-times).
 *
 * <p>Event time is the records' Kafka timestamp, watermarked per partition in the source: a
 * partition read ahead (catching up after a restore) makes no other's records late. Delivery:
 * at-least-once. The snapshots and the records waiting for the next one are keyed state in the
 * checkpoint; after a restore the records since the checkpoint are read again and the snapshots
 * since then written again: the same content under the same key and timestamp, which a reader
 * takes as the same snapshot.
 */
public class FleetSnapshotJob implements StreamJob {
  static final String INPUT_TOPIC = "fleet.vehicle-state";
  /**
   * How far out of order a partition's Kafka timestamps may arrive: fleet-state's subtasks stamp
   * their sends a few milliseconds apart; a record later than this joins the next snapshot. With a
   * replay's re-read before each snapshot (SNAPSHOT_LATENESS_MS, 1 s, lib/contracts/fleet.ts) a
   * scene is exact for records up to 5 s out of order. The wait is here rather than in the re-read:
   * waiting costs the job nothing but 4 s before a snapshot appears, where each second re-read
   * costs every scene 10,000 records at 10,000 vehicles.
   */
  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(4);
  /** A partition silent this long stops holding event time back for the others. */
  static final Duration IDLE_AFTER = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "fleet-snapshot";
  }

  @Override
  public void build(StreamExecutionEnvironment env, JobSettings settings) {
    SnapshotSettings snapshot = SnapshotSettings.from(settings);
    SingleOutputStreamOperator<VehicleFix> fixes = KafkaIO.source(env, settings, this, "vehicle-state", List.of(INPUT_TOPIC), watermarks())
        .process(new VehicleStateReader(), Types.POJO(VehicleFix.class)).name("read vehicle states").uid("fleet-snapshot-read");
    SingleOutputStreamOperator<KeyedRecord> snapshots = Keying.byKey(fixes, fix -> snapshot.bucketOf(fix.vehicleId), Types.INT)
        .process(new BucketSnapshots(snapshot), Types.POJO(KeyedRecord.class)).name("snapshots per bucket").uid("fleet-snapshot-buckets");
    snapshots.sinkTo(KafkaIO.sinkAtEventTime(settings, this)).name(BucketSnapshots.OUTPUT_TOPIC).uid("fleet-snapshot-sink");
    KafkaIO.sendDeadLetters(fixes.getSideOutput(DeadLetter.TAG), settings, this);
  }

  /** Per Kafka partition, on the records' Kafka timestamps (a record without one never moves event time and is rejected). */
  static WatermarkStrategy<KafkaRecord> watermarks() {
    return WatermarkStrategy.<KafkaRecord>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
        .withTimestampAssigner((record, kafkaTimestamp) -> record.timestamp < 0 ? Long.MIN_VALUE : record.timestamp)
        .withIdleness(IDLE_AFTER);
  }
}
