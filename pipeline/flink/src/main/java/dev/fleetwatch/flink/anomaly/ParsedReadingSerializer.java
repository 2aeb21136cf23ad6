package dev.fleetwatch.flink.anomaly;

import dev.fleetwatch.flink.common.RecordSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Every reading from the parser to the detector and the silence watch: see {@link RecordSerializer} for why not the POJO serializer. */
public final class ParsedReadingSerializer extends RecordSerializer<ParsedReading> {
  private static final long serialVersionUID = 1L;
  public static final ParsedReadingSerializer INSTANCE = new ParsedReadingSerializer();

  private ParsedReadingSerializer() {
    super(ParsedReading.class);
  }

  @Override
  public ParsedReading createInstance() {
    return new ParsedReading();
  }

  @Override
  public ParsedReading copy(ParsedReading from) {
    VehicleReading r = from.reading;
    VehicleReading copy = new VehicleReading();
    copy.vehicleId = r.vehicleId;
    copy.fleet = r.fleet;
    copy.ts = r.ts;
    copy.lat = r.lat;
    copy.lon = r.lon;
    copy.speedKmh = r.speedKmh;
    copy.engineTempC = r.engineTempC;
    copy.containerTempC = r.containerTempC;
    copy.ignition = r.ignition;
    copy.plate = r.plate;
    copy.cargo = r.cargo;
    copy.status = r.status;
    return new ParsedReading(copyOf(from.raw), copy);
  }

  @Override
  public void serialize(ParsedReading parsed, DataOutputView out) throws IOException {
    writeRecord(parsed.raw, out);
    VehicleReading r = parsed.reading;
    writeString(r.vehicleId, out);
    writeString(r.fleet, out);
    out.writeLong(r.ts);
    out.writeDouble(r.lat);
    out.writeDouble(r.lon);
    out.writeDouble(r.speedKmh);
    out.writeDouble(r.engineTempC);
    writeOptionalDouble(r.containerTempC, out);
    out.writeBoolean(r.ignition);
    writeString(r.plate, out);
    writeString(r.cargo, out);
    writeString(r.status, out);
  }

  @Override
  public ParsedReading deserialize(DataInputView in) throws IOException {
    ParsedReading parsed = new ParsedReading();
    parsed.raw = readRecord(in);
    VehicleReading r = new VehicleReading();
    r.vehicleId = readString(in);
    r.fleet = readString(in);
    r.ts = in.readLong();
    r.lat = in.readDouble();
    r.lon = in.readDouble();
    r.speedKmh = in.readDouble();
    r.engineTempC = in.readDouble();
    r.containerTempC = readOptionalDouble(in);
    r.ignition = in.readBoolean();
    r.plate = readString(in);
    r.cargo = readString(in);
    r.status = readString(in);
    parsed.reading = r;
    return parsed;
  }

  @Override
  public TypeSerializerSnapshot<ParsedReading> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the one serializer there is (Flink asks for it by this class's no-argument constructor). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedReading> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
