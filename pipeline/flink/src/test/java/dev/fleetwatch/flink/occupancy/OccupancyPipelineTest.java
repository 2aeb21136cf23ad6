package dev.fleetwatch.flink.occupancy;

import static dev.fleetwatch.flink.occupancy.Fixtures.CAFE;
import static dev.fleetwatch.flink.occupancy.Fixtures.HALL;
import static dev.fleetwatch.flink.occupancy.Fixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.occupancy.Fixtures.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink mini cluster, at parallelism 1 and 2, against an oracle computed
 * directly from the input: every zone's final 15-minute rows, each written exactly once.
 */
class OccupancyPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final ZoneRef LAB = new ZoneRef("lab", "Lab", 40);
  static final Map<String, ZoneRef> SENSORS = Map.of("s-hall-1", HALL, "s-hall-2", HALL, "s-cafe", CAFE, "s-lab", LAB);

  /** 1,500 sightings over 40 minutes of recent event time, up to 20 s out of order, 60 badges walking between zones. */
  static List<KafkaRecord> sightings() {
    Random random = new Random(12);
    long start = ZoneWindows.windowStartOf(System.currentTimeMillis()) - 45 * 60_000;
    List<String> sensors = new ArrayList<>(new TreeMap<>(SENSORS).keySet());
    List<KafkaRecord> records = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      long ts = start + i * 1_600L - random.nextInt(20_000);
      String sensor = sensors.get(random.nextInt(sensors.size()));
      records.add(Fixtures.sightingRecord(sensor, "badge-" + random.nextInt(60), ts));
    }
    return records;
  }

  /** zoneId|windowStart → {distinct badges, sightings}, straight from the input. */
  static Map<String, List<Long>> oracle(List<KafkaRecord> records) {
    Map<String, Set<String>> badges = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    for (KafkaRecord record : records) {
      Sighting sighting = CampusContracts.sighting(record).value();
      if (sighting == null) continue;
      String key = ZoneWindows.key(SENSORS.get(sighting.sensorId).zoneId, Iso.format(ZoneWindows.windowStartOf(sighting.ts)));
      badges.computeIfAbsent(key, k -> new HashSet<>()).add(sighting.badgeId);
      counts.merge(key, 1L, Long::sum);
    }
    Map<String, List<Long>> expected = new TreeMap<>();
    badges.forEach((key, set) -> expected.put(key, List.of((long) set.size(), counts.get(key))));
    return expected;
  }

  /** Holds the sightings back until the zones table is loaded, as a running job's would be. */
  static final class AfterZones extends RichMapFunction<KafkaRecord, KafkaRecord> {
    @Override
    public void open(OpenContext context) throws Exception {
      Thread.sleep(2_000);
    }

    @Override
    public KafkaRecord map(KafkaRecord record) {
      return record;
    }
  }

  static List<String> run(int parallelism, List<KafkaRecord> sightings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    List<KafkaRecord> zoneRecords = List.of(Fixtures.zoneRecord(HALL, "s-hall-1", "s-hall-2"), Fixtures.zoneRecord(CAFE, "s-cafe"), Fixtures.zoneRecord(LAB, "s-lab"));
    DataStream<KafkaRecord> zones = env.fromData(zoneRecords, Types.POJO(KafkaRecord.class)).setParallelism(1);
    DataStream<KafkaRecord> input = env.fromData(sightings, Types.POJO(KafkaRecord.class))
        .map(new AfterZones(), Types.POJO(KafkaRecord.class))
        .assignTimestampsAndWatermarks(EventClock.strategy(SETTINGS));
    // An episode the job left open when it last ran without this state: read back before the first tick.
    KafkaRecord openEpisode = Fixtures.raw(ZoneFigures.ALERTS_TOPIC, "capacity.lab.1000", "{\"alertId\":\"capacity.lab.1000\",\"kind\":\"capacity\",\"team\":\"security\",\"zoneId\":\"lab\","
        + "\"metric\":\"occupancy\",\"value\":39,\"normal\":{\"min\":0,\"max\":36},\"startedAt\":1000,\"detectedAt\":1000,\"severity\":\"warning\",\"state\":\"firing\"}", 0);
    DataStream<KafkaRecord> previousAlerts = env.fromData(List.of(openEpisode), Types.POJO(KafkaRecord.class)).setParallelism(1);
    OccupancyJob.Outputs outputs = OccupancyJob.topology(input, zones, previousAlerts, SETTINGS);
    DataStream<String> all = outputs.records().map(record -> "R " + record.topic + " " + record.key + " " + record.json, Types.STRING)
        .union(outputs.deadLetters().map(letter -> "D " + letter.reason, Types.STRING));
    List<String> lines = new ArrayList<>();
    try (CloseableIterator<String> results = all.executeAndCollect("occupancy at parallelism " + parallelism)) {
      results.forEachRemaining(lines::add);
    }
    return lines;
  }

  static List<Output> finals(List<String> lines) {
    List<KeyedRecord> records = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("R ")) continue;
      String[] parts = line.split(" ", 4);
      records.add(new KeyedRecord(parts[1], parts[2], parts[3]));
    }
    return Fixtures.windowRows(Fixtures.outputs(records)).stream().filter(row -> row.value().get("final").asBoolean()).toList();
  }

  static Map<String, List<Long>> byKey(List<Output> finals) {
    Map<String, List<Long>> figures = new TreeMap<>();
    for (Output row : finals) figures.put(row.key(), List.of(row.number("uniqueBadges"), row.number("sightings")));
    return figures;
  }

  @Test
  void writesTheOraclesFinalRowsExactlyOnceAtParallelismOneAndTwoAndRejectsBadInput() throws Exception {
    List<KafkaRecord> input = new ArrayList<>(sightings());
    input.add(400, Fixtures.raw(OccupancyJob.SIGHTINGS_TOPIC, "s-lab", "{\"sensorId\":\"s-lab\",", 0));
    input.add(900, Fixtures.raw(OccupancyJob.SIGHTINGS_TOPIC, "s-lab", "{\"sensorId\":\"s-lab\",\"badgeId\":\"x\",\"ts\":\"now\"}", 0));
    Map<String, List<Long>> expected = oracle(input);

    for (int parallelism : new int[] {1, 2}) {
      List<String> lines = run(parallelism, input);
      List<Output> finals = finals(lines);
      assertEquals(expected, byKey(finals), "final rows at parallelism " + parallelism);
      assertEquals(expected.size(), finals.size(), "each window final once at parallelism " + parallelism);
      List<String> reasons = lines.stream().filter(line -> line.startsWith("D ")).toList();
      assertEquals(2, reasons.size(), reasons.toString());
      assertTrue(reasons.stream().anyMatch(reason -> reason.startsWith("D not-json: ")), reasons.toString());
      assertTrue(reasons.stream().anyMatch(reason -> reason.startsWith("D contract: ts")), reasons.toString());
    }
  }
}
