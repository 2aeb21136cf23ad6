package dev.fleetwatch.flink.anomaly;

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
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code fleet.vehicle-state} → {@code fleet.anomalies}: engine and container temperature against
 * each vehicle's own learned normal (README "Anomaly detection").
 *
 * <p>State (models, held readings, open episodes) lives in Flink keyed state and comes back from
 * the latest checkpoint. A start without a checkpoint behaves as the Node processor's every start
 * did: it re-reads the last {@code ANOMALY_REPLAY_S} of input to re-learn and continues the
 * episodes its earlier alerts report as firing. Output is at-least-once: a record replayed after a
 * restore carries the same deterministic alert id and content, an idempotent upsert by key.
 */
public class AnomalyJob implements StreamJob {
  public static final String INPUT_TOPIC = "fleet.vehicle-state";
  /** A partition with no readings this long no longer holds the start-up gate (see AnomalyFunction). */
  private static final Duration IDLE_AFTER = Duration.ofSeconds(5);

  @Override
  public String name() {
    return "anomaly";
  }

  @Override
  public void build(StreamExecutionEnvironment env, JobSettings settings) {
    AnomalySettings anomaly = AnomalySettings.from(settings);

    // Without a checkpoint the models start empty, so the job starts ANOMALY_REPLAY_S back (not at its
    // committed offsets) to re-learn each vehicle's normal; restored, it resumes from the checkpoint.
    OffsetsInitializer replay = OffsetsInitializer.timestamp(System.currentTimeMillis() - anomaly.replayMs());
    SingleOutputStreamOperator<ParsedReading> readings = KafkaIO.source(env, settings, this, "vehicle-state", List.of(INPUT_TOPIC), replay)
        // Every reading crosses to the detector and the silence watch: its own serializer, not the POJO one.
        .process(new ReadingParser(), ParsedReadingSerializer.INSTANCE.type()).name("parse vehicle states").uid("anomaly-parse-readings");
    SingleOutputStreamOperator<AnomalyAlert> previous = KafkaIO.fromSource(env, previousAlertsSource(settings), this, "previous-alerts")
        .process(new PreviousAlertParser()).name("parse earlier alerts").uid("anomaly-parse-previous");

    DataStream<ParsedReading> timed = readings.assignTimestampsAndWatermarks(
        WatermarkStrategy.<ParsedReading>forBoundedOutOfOrderness(Duration.ofMillis(anomaly.allowedLatenessMs()))
            .withTimestampAssigner((parsed, recordTs) -> parsed.reading.ts)
            .withIdleness(IDLE_AFTER))
        .name("event time").uid("anomaly-watermarks");

    SingleOutputStreamOperator<KeyedRecord> alerts = Keying.byKey(timed, parsed -> parsed.reading.vehicleId, Types.STRING)
        .connect(Keying.byKey(previous.filter(alert -> !SilenceWatch.watches(alert)).name("detector's earlier alerts").uid("anomaly-previous-detector"),
            alert -> alert.vehicleId, Types.STRING))
        .process(new AnomalyFunction(anomaly)).name("anomaly detector").uid("anomaly-detector");
    // Silent and frozen vehicles: judged on arrival and by a processing-time clock, so from the readings before event time.
    SingleOutputStreamOperator<KeyedRecord> silences = Keying.byKey(readings, parsed -> parsed.reading.vehicleId, Types.STRING)
        .connect(Keying.byKey(previous.filter(SilenceWatch::watches).name("watch's earlier alerts").uid("anomaly-previous-watch"),
            alert -> alert.vehicleId, Types.STRING))
        .process(new SilenceWatch(WatchSettings.from(settings))).name("silence watch").uid("anomaly-silence-watch");

    alerts.union(silences).sinkTo(KafkaIO.sink(settings, this)).name(AnomalyFunction.OUTPUT_TOPIC).uid("anomaly-sink");
    KafkaIO.sendDeadLetters(
        readings.getSideOutput(DeadLetter.TAG).union(previous.getSideOutput(DeadLetter.TAG), alerts.getSideOutput(DeadLetter.TAG)),
        settings, this);
  }

  /** The job's own earlier alerts, read once from the beginning to where the topic ended at start. */
  private KafkaSource<KafkaRecord> previousAlertsSource(JobSettings settings) {
    return KafkaIO.sourceBuilder(settings, groupId() + ".previous", "previous-alerts", List.of(AnomalyFunction.OUTPUT_TOPIC))
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
  }
}
