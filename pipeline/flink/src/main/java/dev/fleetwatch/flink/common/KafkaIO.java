package dev.fleetwatch.flink.common;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The jobs' one way in and out of Kafka: raw records in, keyed JSON records and dead letters out. */
public final class KafkaIO {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIO.class);
  /** How long a job's start waits for the broker to answer before the runner gives up. */
  private static final long KAFKA_WAIT_MINUTES = 5;

  private KafkaIO() {}

  /**
   * Raw records of {@code topics}, read by the job's group. A restored job resumes from its
   * checkpoint; a new one from its group's committed offsets, else from the earliest record.
   * Offsets are committed on checkpoint so the lag view shows the job's real progress.
   */
  public static SingleOutputStreamOperator<KafkaRecord> source(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, List<String> topics) {
    return source(env, settings, job, sourceName, topics, OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST));
  }

  /**
   * As above, but a job without a checkpoint starts at {@code start}: {@link OffsetsInitializer#earliest()}
   * for a compacted table the job must read whole (a restored job still resumes from its checkpoint).
   */
  public static SingleOutputStreamOperator<KafkaRecord> source(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, List<String> topics, OffsetsInitializer start) {
    // Watermarks are assigned after parsing, where event time is known; see each job.
    return source(env, settings, job, sourceName, topics, start, WatermarkStrategy.noWatermarks());
  }

  /**
   * As above, with the watermarks: a strategy given here runs per Kafka partition inside the source
   * (the source takes the smallest of its partitions'), which a strategy after parsing cannot do.
   */
  public static SingleOutputStreamOperator<KafkaRecord> source(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, List<String> topics,
      OffsetsInitializer start, WatermarkStrategy<KafkaRecord> watermarks) {
    return read(env, settings, job, sourceName, topics, start, watermarks);
  }

  /**
   * With watermarks generated per Kafka partition in the source (Flink's per-split watermarks),
   * from the group's committed offsets: a partition read ahead of the others, as after a restore,
   * cannot make their records late.
   */
  public static SingleOutputStreamOperator<KafkaRecord> source(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, List<String> topics, WatermarkStrategy<KafkaRecord> watermarks) {
    return read(env, settings, job, sourceName, topics, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), watermarks);
  }

  /**
   * A compacted table topic (zones, bookstores...) read whole: a job that starts without a
   * checkpoint must see every row, whatever its group committed before. A table never holds
   * event time back: its watermark is the end of time, so the joined stream's own decides.
   */
  public static SingleOutputStreamOperator<KafkaRecord> table(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, String topic) {
    return read(env, settings, job, sourceName, List.of(topic), OffsetsInitializer.earliest(), WatermarkStrategy.forGenerator(context -> new EndOfTime()));
  }

  /**
   * What {@code topic} held when the job was built, read once from the beginning (a bounded source,
   * finished by its first checkpoint, so a restored job does not read it again). Until it is read
   * it holds event time back, so whatever it restores comes before the first event-time result.
   * Its offsets are not committed: the group does not consume the topic, the lag view must not say so.
   */
  public static SingleOutputStreamOperator<KafkaRecord> history(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, String topic) {
    KafkaSource<KafkaRecord> source = sourceBuilder(settings, job.groupId(), sourceName, List.of(topic))
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), sourceName).uid(job.name() + "-source-" + sourceName).setParallelism(1);
  }

  private static SingleOutputStreamOperator<KafkaRecord> read(StreamExecutionEnvironment env, JobSettings settings, StreamJob job, String sourceName, List<String> topics, OffsetsInitializer start, WatermarkStrategy<KafkaRecord> watermarks) {
    KafkaSource<KafkaRecord> source = sourceBuilder(settings, job.groupId(), sourceName, topics)
        .setStartingOffsets(start)
        .setProperty("commit.offsets.on.checkpoint", "true")
        .build();
    return env.fromSource(source, watermarks, sourceName).uid(job.name() + "-source-" + sourceName);
  }

  /**
   * A raw-record source read by {@code groupId}, for a job that starts elsewhere than its committed
   * offsets or reads a topic only up to where it ended at start (set on the returned builder).
   */
  public static KafkaSourceBuilder<KafkaRecord> sourceBuilder(JobSettings settings, String groupId, String sourceName, List<String> topics) {
    return KafkaSource.<KafkaRecord>builder()
        .setBootstrapServers(settings.brokers())
        .setTopics(topics)
        .setGroupId(groupId)
        .setClientIdPrefix(groupId + "." + sourceName)
        .setDeserializer(new RawDeserializer())
        .setProperties(settings.kafkaSecurity());
  }

  /** Adds {@code source} to the job under a stable uid, so checkpoints map back to it. */
  public static SingleOutputStreamOperator<KafkaRecord> fromSource(StreamExecutionEnvironment env, KafkaSource<KafkaRecord> source, StreamJob job, String sourceName) {
    // Watermarks are assigned after parsing, where event time is known; see each job.
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), sourceName).uid(job.name() + "-source-" + sourceName);
  }

  /** The watermark of a table stream: it never holds back the stream it is joined with. */
  private static final class EndOfTime implements WatermarkGenerator<KafkaRecord> {
    @Override
    public void onEvent(KafkaRecord event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
  }

  /** At-least-once keyed output: every record is an idempotent upsert by key, so a replay after a restore is harmless. */
  public static KafkaSink<KeyedRecord> sink(JobSettings settings, StreamJob job) {
    // Kafka's own send time: consumers (the lag view, a replay) read it as when the record became visible.
    return atLeastOnce(settings, keyedRecords(false));
  }

  /**
   * As {@link #sink}, with each record's Kafka timestamp set to its Flink timestamp (event time, e.g.
   * the timer that emitted it): for output found by time, as {@code fleet.snapshots} is by {@code at}.
   */
  public static KafkaSink<KeyedRecord> sinkAtEventTime(JobSettings settings, StreamJob job) {
    return atLeastOnce(settings, keyedRecords(true));
  }

  /** Keyed records as Kafka records; {@code atEventTime} passes the element's Flink timestamp on, else the producer stamps its send time. */
  public static KafkaRecordSerializationSchema<KeyedRecord> keyedRecords(boolean atEventTime) {
    return (record, context, timestamp) -> new ProducerRecord<>(record.topic, null, atEventTime ? timestamp : null, bytes(record.key), bytes(record.json));
  }

  /** Dead letters: the rejected bytes unchanged, with where they came from and why in headers (as the TypeScript side writes them). */
  public static KafkaSink<DeadLetter> deadLetterSink(JobSettings settings, StreamJob job) {
    String topic = job.deadLetterTopic();
    return atLeastOnce(settings, (KafkaRecordSerializationSchema<DeadLetter>) (letter, context, timestamp) ->
        new ProducerRecord<>(topic, null, null, letter.source.key, letter.source.value, headers(letter)));
  }

  private static <T> KafkaSink<T> atLeastOnce(JobSettings settings, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(settings.brokers())
        .setKafkaProducerConfig(settings.kafkaSecurity())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(serializer)
        .build();
  }

  /**
   * Creates {@code dlq.<job>} when missing (1 partition, kept 7 days, as lib/contracts/topics.ts
   * dlqTopicSpec says): brokers here refuse to create topics on first write. Called before a job
   * is submitted, by the runner and the cluster entry point alike.
   */
  public static void ensureDeadLetterTopic(JobSettings settings, StreamJob job) throws Exception {
    Properties props = new Properties();
    props.putAll(settings.kafkaSecurity());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.brokers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    int replication = settings.getInt("KAFKA_TOPIC_REPLICATION_FACTOR", -1);
    NewTopic topic = new NewTopic(job.deadLetterTopic(), Optional.of(1), replication < 0 ? Optional.empty() : Optional.of((short) replication))
        .configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())));
    // A broker still starting (the demo starts it beside this JVM) or swamped (a 50,000-vehicle
    // bench) may take minutes to answer: wait for it rather than exit, saying so every 30 s.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(KAFKA_WAIT_MINUTES);
    BrokerPort.awaitListening(settings.brokers(), deadline,
        brokers -> LOG.warn("job {}: Kafka at {} does not accept connections yet; still waiting (up to {} minutes)", job.name(), brokers, KAFKA_WAIT_MINUTES));
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) return;
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) || System.nanoTime() > deadline) throw e;
        } catch (java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() > deadline) throw e;
        }
        LOG.warn("job {}: Kafka at {} has not answered yet; still waiting (up to {} minutes)", job.name(), settings.brokers(), KAFKA_WAIT_MINUTES);
      }
    }
  }

  /** Routes a job's dead-letter side output to {@code dlq.<job>}. */
  public static void sendDeadLetters(DataStream<DeadLetter> letters, JobSettings settings, StreamJob job) {
    letters.sinkTo(deadLetterSink(settings, job)).name("dead letters").uid(job.name() + "-dlq-sink");
  }

  private static List<Header> headers(DeadLetter letter) {
    return List.of(
        header("dlq.reason", letter.reason),
        header("dlq.source.topic", letter.source.topic),
        header("dlq.source.partition", String.valueOf(letter.source.partition)),
        header("dlq.source.offset", String.valueOf(letter.source.offset)),
        header("dlq.rejected.at", Instant.now().toString()));
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, bytes(value));
  }

  private static byte[] bytes(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  private static final class RawDeserializer implements KafkaRecordDeserializationSchema<KafkaRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out) {
      out.collect(new KafkaRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value()));
    }

    @Override
    public TypeInformation<KafkaRecord> getProducedType() {
      return TypeInformation.of(KafkaRecord.class);
    }
  }
}
