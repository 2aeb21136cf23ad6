package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.JobSettings;
import dev.fleetwatch.flink.common.KafkaIO;
import dev.fleetwatch.flink.common.KafkaRecord;
import dev.fleetwatch.flink.common.KeyedRecord;
import dev.fleetwatch.flink.common.StreamJob;
import java.util.List;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code purchase} + {@code bookstore} + {@code book} → {@code bookstore.sales-per-minute}, keyed
 * {@code bookstoreId|windowStart}: parse → count each purchase id once and join the tables (keyed
 * by purchase id) → one-minute windows keyed by store. Correct at any parallelism: every step is
 * keyed, and the watermark is per Kafka partition.
 */
public class SalesJob implements StreamJob {
  @Override
  public String name() {
    return "sales";
  }

  @Override
  public void build(StreamExecutionEnvironment env, JobSettings settings) {
    SalesOptions options = SalesOptions.from(settings);
    // One reader for every partition of `purchase`, whatever the job's parallelism: Flink takes a
    // reader that has no partition yet (a second reader still starting) as idle, so the other's
    // partitions would move the watermark on alone and make the whole backlog of the late one
    // "too late". One reader gets all partitions at once and combines their watermarks itself.
    // Parsing stays at that parallelism; everything after it is keyed and runs at FLINK_PARALLELISM.
    DataStream<KafkaRecord> purchases = KafkaIO.source(env, settings, this, "purchase", List.of("purchase"),
        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), PurchaseWatermarks.strategy(options)).setParallelism(1);
    // Tables are read whole on every new start; a restored job has them in its checkpoint.
    DataStream<KafkaRecord> catalogue = KafkaIO.source(env, settings, this, "catalogue",
        List.of(CatalogueEntry.BOOKSTORE_TOPIC, CatalogueEntry.BOOK_TOPIC), OffsetsInitializer.earliest(), PurchaseWatermarks.tables()).setParallelism(1);
    Outputs outputs = pipeline(purchases, catalogue, options);
    outputs.rows.sinkTo(KafkaIO.sink(settings, this)).name("sales per minute").uid("sales-rows-sink");
    KafkaIO.sendDeadLetters(outputs.deadLetters, settings, this);
  }

  /** The job's rows and dead letters. */
  public record Outputs(DataStream<KeyedRecord> rows, DataStream<DeadLetter> deadLetters) {}

  /** The processing between the sources and the sinks: tests run it on in-memory input. */
  public static Outputs pipeline(DataStream<KafkaRecord> purchases, DataStream<KafkaRecord> catalogue, SalesOptions options) {
    SingleOutputStreamOperator<Purchase> parsed = purchases.process(new ParsePurchases())
        .setParallelism(purchases.getParallelism()).name("parse purchases").uid("sales-parse");
    SingleOutputStreamOperator<CatalogueEntry> entries = catalogue.process(new ParseCatalogue())
        .setParallelism(catalogue.getParallelism()).name("parse catalogue").uid("sales-catalogue");
    BroadcastStream<CatalogueEntry> tables = entries.broadcast(PurchaseResolver.STORES, PurchaseResolver.GENRES);
    SingleOutputStreamOperator<SaleEvent> resolved = parsed
        .keyBy(purchase -> purchase.id)
        .connect(tables)
        .process(new PurchaseResolver(options))
        .name("dedup and join").uid("sales-resolve");
    SingleOutputStreamOperator<KeyedRecord> rows = resolved
        .keyBy(event -> event.storeKey)
        .process(new StoreMinutes(options))
        .name("minutes per store").uid("sales-minutes");
    DataStream<DeadLetter> deadLetters = parsed.getSideOutput(DeadLetter.TAG)
        .union(entries.getSideOutput(DeadLetter.TAG), rows.getSideOutput(DeadLetter.TAG));
    return new Outputs(rows, deadLetters);
  }

  static final class ParsePurchases extends ProcessFunction<KafkaRecord, Purchase> {
    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<Purchase> out) {
      PurchaseParser.Outcome outcome = PurchaseParser.parse(record, ctx.timerService().currentProcessingTime());
      if (outcome.purchase() != null) out.collect(outcome.purchase());
      else ctx.output(DeadLetter.TAG, new DeadLetter(record, outcome.reason()));
    }
  }

  static final class ParseCatalogue extends ProcessFunction<KafkaRecord, CatalogueEntry> {
    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<CatalogueEntry> out) {
      CatalogueEntry.Outcome outcome = CatalogueEntry.parse(record);
      if (outcome.entry() != null) out.collect(outcome.entry());
      else ctx.output(DeadLetter.TAG, new DeadLetter(record, outcome.reason()));
    }
  }
}
