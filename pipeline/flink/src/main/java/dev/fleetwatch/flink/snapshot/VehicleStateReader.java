package dev.fleetwatch.flink.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.fleetwatch.flink.common.ContractReader;
import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.KafkaRecord;
import java.io.IOException;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code fleet.vehicle-state} records read as cheaply as a snapshot allows, at every fix of the
 * fleet: the vehicle is the record's key, {@code ts} is read by Jackson's streaming parser, which
 * skips every other field (still checking the whole value is one well-formed JSON object, as the
 * snapshot embeds it unchanged); nothing is built from it. The rest of the contract was checked by
 * {@code fleet-state}, which wrote the record. What fails goes to {@code dlq.fleet-snapshot}.
 */
public class VehicleStateReader extends ProcessFunction<KafkaRecord, VehicleFix> {
  /** lib/contracts/common.ts epochMs: JavaScript's largest safe integer. */
  private static final long MAX_EPOCH_MS = 9_007_199_254_740_991L;
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  /** A fix, or why the record is not one. */
  record Outcome(VehicleFix fix, String reason) {}

  @Override
  public void processElement(KafkaRecord record, Context ctx, Collector<VehicleFix> out) {
    Outcome outcome = read(record);
    if (outcome.fix() != null) out.collect(outcome.fix());
    else ctx.output(DeadLetter.TAG, new DeadLetter(record, outcome.reason()));
  }

  static Outcome read(KafkaRecord record) {
    String vehicleId = record.keyString();
    if (vehicleId == null || vehicleId.isEmpty()) return rejected("empty: " + record.topic + " record has no key (its vehicleId)");
    if (!ContractReader.isId(vehicleId)) return rejected("contract: (key): letters, digits and . _ : @ - only (1 to 128 characters)");
    if (record.value == null || record.value.length == 0) return rejected("empty: message has no value");
    if (record.timestamp < 0) return rejected("contract: (timestamp): the record has no Kafka timestamp");
    Fields fields;
    try {
      fields = fieldsOf(record.value);
    } catch (JsonProcessingException e) {
      return rejected("not-json: " + e.getOriginalMessage());
    } catch (IOException e) {
      return rejected("not-json: " + e.getMessage());
    } catch (Rejected e) {
      return rejected(e.getMessage());
    }
    return new Outcome(new VehicleFix(vehicleId, record.value, fields.ts, record.timestamp, fields.lat, fields.lon, fields.speedKmh), null);
  }

  /** What the snapshot needs of a fix: its time, and its position and speed for the frozen-GPS rule. */
  private static final class Fields {
    long ts = -1;
    double lat = Double.NaN;
    double lon = Double.NaN;
    double speedKmh = Double.NaN;
  }

  /** The value's {@code ts}, position and speed, reading the whole value as one JSON object without building it. */
  private static Fields fieldsOf(byte[] value) throws IOException, Rejected {
    try (JsonParser parser = FACTORY.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first == null) throw new Rejected("not-json: no JSON value");
      if (first != JsonToken.START_OBJECT) throw new Rejected("contract: (root): expected object");
      Fields fields = new Fields();
      // The parser throws on anything but a field name or the object's end here.
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "ts" -> fields.ts = epochMs(parser, token);
          case "lat" -> fields.lat = number(parser, token);
          case "lon" -> fields.lon = number(parser, token);
          case "speedKmh" -> fields.speedKmh = number(parser, token);
          default -> { }
        }
        // A field of the wrong kind (an object where a number belongs) is skipped whole, as every other field.
        parser.skipChildren();
      }
      if (parser.nextToken() != null) throw new Rejected("not-json: more than one JSON value");
      if (fields.ts < 0) throw new Rejected("contract: ts: expected epoch milliseconds (a non-negative whole number)");
      if (Double.isNaN(fields.lat) || Double.isNaN(fields.lon) || Double.isNaN(fields.speedKmh))
        throw new Rejected("contract: lat, lon, speedKmh: expected numbers");
      return fields;
    }
  }

  /** zod's int().nonnegative() on a number: a whole number, written with a fraction or not; -1 when it is none. */
  private static long epochMs(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = parser.getNumberType();
      if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) return -1;
      long value = parser.getLongValue();
      return value <= MAX_EPOCH_MS ? value : -1;
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = parser.getDoubleValue();
      return value == Math.rint(value) && value >= 0 && value <= MAX_EPOCH_MS ? (long) value : -1;
    }
    return -1;
  }

  /** A JSON number as a double (as JavaScript reads it), NaN for anything else. */
  private static double number(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT ? parser.getDoubleValue() : Double.NaN;
  }

  private static Outcome rejected(String reason) {
    return new Outcome(null, reason);
  }

  /** A reason to reject, thrown out of the parsing loop. */
  private static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
