package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.common.StreamJob;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code campus.badge-sightings} + {@code campus.zones} → {@code campus.zone-occupancy} and
 * {@code campus.zone-alerts}: distinct badges per zone per 15-minute window, the live figure on a
 * 10 s grid and capacity alerts with hysteresis (README, "Campus concentration").
 *
 * <p>Sightings are keyed by sensor on Kafka; after parsing they are joined to their zone (keyed by
 * sensor, zones broadcast), then keyed by badge (where is each badge now) and by zone (windows,
 * live figure, alerts), so any parallelism gives the same figures.
 */
public final class OccupancyJob implements StreamJob {
  static final String SIGHTINGS_TOPIC = "campus.badge-sightings";
  static final String ZONES_TOPIC = "campus.zones";

  @Override
  public String name() {
    return "occupancy";
  }

  @Override
  public void build(StreamExecutionEnvironment env, JobSettings settings) {
    OccupancySettings options = OccupancySettings.from(settings);
    DataStream<KafkaRecord> sightings = KafkaIO.source(env, settings, this, "sightings", List.of(SIGHTINGS_TOPIC), EventClock.strategy(options));
    // One partition, one reader: a reader without a partition would have no watermark to give.
    DataStream<KafkaRecord> zones = KafkaIO.table(env, settings, this, "zones", ZONES_TOPIC).setParallelism(1);
    // The job's own earlier alerts: an episode open when it last ran without this state continues.
    DataStream<KafkaRecord> previousAlerts = KafkaIO.history(env, settings, this, "previous-alerts", ZoneFigures.ALERTS_TOPIC);
    Outputs outputs = topology(sightings, zones, previousAlerts, options);
    outputs.records().sinkTo(KafkaIO.sink(settings, this)).name("occupancy and alerts").uid("occupancy-sink");
    KafkaIO.sendDeadLetters(outputs.deadLetters(), settings, this);
  }

  /** What the job writes: keyed records for the output topics, and its rejections. */
  record Outputs(DataStream<KeyedRecord> records, DataStream<DeadLetter> deadLetters) {}

  /** The job between its Kafka source and sinks; {@code sightings} carry their event-time watermarks. */
  static Outputs topology(DataStream<KafkaRecord> sightings, DataStream<KafkaRecord> zoneRecords, DataStream<KafkaRecord> previousAlerts, OccupancySettings options) {
    SingleOutputStreamOperator<Sighting> parsed = sightings
        .process(new ParseRecords<>(CampusContracts::sighting), Types.POJO(Sighting.class)).name("parse sightings").uid("occupancy-parse-sightings");
    SingleOutputStreamOperator<Zone> zones = zoneRecords
        .process(new ParseRecords<>(CampusContracts::zone), Types.POJO(Zone.class)).name("parse zones").uid("occupancy-parse-zones")
        .setParallelism(zoneRecords.getParallelism());
    BroadcastStream<Zone> zoneTable = zones.broadcast(SensorJoin.ZONES);

    SingleOutputStreamOperator<ZoneEvent> located = parsed
        .keyBy(sighting -> sighting.sensorId, Types.STRING)
        .connect(zoneTable)
        .process(new SensorJoin(options), Types.POJO(ZoneEvent.class)).name("sensor to zone").uid("occupancy-sensor-join");
    DataStream<ZoneEvent> sightingsInZones = located.filter(event -> event.kind == ZoneEvent.Kind.SIGHTING).name("sightings").uid("occupancy-sightings");
    DataStream<ZoneEvent> presence = sightingsInZones
        .keyBy(event -> event.badgeId, Types.STRING)
        .process(new BadgePresence(options), Types.POJO(ZoneEvent.class)).name("badge presence").uid("occupancy-badge-presence");
    DataStream<ZoneEvent> episodes = previousAlerts
        .flatMap((KafkaRecord record, org.apache.flink.util.Collector<ZoneEvent> out) -> {
          ZoneEvent alert = CampusContracts.previousAlert(record);
          if (alert != null) out.collect(alert);
        }, Types.POJO(ZoneEvent.class)).name("previous alerts").uid("occupancy-previous-alerts").setParallelism(previousAlerts.getParallelism());
    SingleOutputStreamOperator<KeyedRecord> records = located.union(presence, episodes)
        .keyBy(event -> event.zoneId, Types.STRING)
        .process(new ZoneFigures(options), Types.POJO(KeyedRecord.class)).name("zone figures").uid("occupancy-zone-figures");

    DataStream<DeadLetter> deadLetters = parsed.getSideOutput(DeadLetter.TAG)
        .union(zones.getSideOutput(DeadLetter.TAG), located.getSideOutput(DeadLetter.TAG));
    return new Outputs(records, deadLetters);
  }
}
