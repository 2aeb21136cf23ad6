package dev.fleetwatch.flink.occupancy;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.util.function.Function;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Raw records → contract values; a record that breaks its contract goes to the dead letters with the reason. */
final class ParseRecords<T> extends ProcessFunction<KafkaRecord, T> {
  private final SerializableParser<T> parser;

  interface SerializableParser<T> extends Function<KafkaRecord, CampusContracts.Parsed<T>>, java.io.Serializable {}

  ParseRecords(SerializableParser<T> parser) {
    this.parser = parser;
  }

  @Override
  public void processElement(KafkaRecord record, Context ctx, Collector<T> out) {
    CampusContracts.Parsed<T> parsed = parser.apply(record);
    if (parsed.reason() == null) out.collect(parsed.value());
    else ctx.output(DeadLetter.TAG, new DeadLetter(record, parsed.reason()));
  }
}
