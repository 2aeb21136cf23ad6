package dev.fleetwatch.flink.fleetstate;

import dev.fleetwatch.flink.common.RecordSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Every fix from the parser to the registry join: see {@link RecordSerializer} for why not the POJO serializer. */
public final class FixSerializer extends RecordSerializer<Fix> {
  private static final long serialVersionUID = 1L;
  public static final FixSerializer INSTANCE = new FixSerializer();

  private FixSerializer() {
    super(Fix.class);
  }

  @Override
  public Fix createInstance() {
    return new Fix();
  }

  @Override
  public Fix copy(Fix from) {
    return Fix.of(copyOf(from.telemetry), from.topic, from.partition, from.offset, from.timestamp, copyOf(from.key));
  }

  @Override
  public void serialize(Fix fix, DataOutputView out) throws IOException {
    Telemetry t = fix.telemetry;
    writeString(t.vehicleId, out);
    writeString(t.fleet, out);
    out.writeLong(t.ts);
    out.writeDouble(t.lat);
    out.writeDouble(t.lon);
    out.writeDouble(t.speedKmh);
    out.writeDouble(t.headingDeg);
    out.writeDouble(t.engineTempC);
    writeOptionalDouble(t.containerTempC, out);
    out.writeDouble(t.fuelPct);
    out.writeBoolean(t.ignition);
    writeString(t.roadCondition, out);
    writeString(fix.topic, out);
    out.writeInt(fix.partition);
    out.writeLong(fix.offset);
    out.writeLong(fix.timestamp);
    writeBytes(fix.key, out);
  }

  @Override
  public Fix deserialize(DataInputView in) throws IOException {
    Telemetry t = new Telemetry();
    t.vehicleId = readString(in);
    t.fleet = readString(in);
    t.ts = in.readLong();
    t.lat = in.readDouble();
    t.lon = in.readDouble();
    t.speedKmh = in.readDouble();
    t.headingDeg = in.readDouble();
    t.engineTempC = in.readDouble();
    t.containerTempC = readOptionalDouble(in);
    t.fuelPct = in.readDouble();
    t.ignition = in.readBoolean();
    t.roadCondition = readString(in);
    return Fix.of(t, readString(in), in.readInt(), in.readLong(), in.readLong(), readBytes(in));
  }

  private static Telemetry copyOf(Telemetry from) {
    Telemetry t = new Telemetry();
    t.vehicleId = from.vehicleId;
    t.fleet = from.fleet;
    t.ts = from.ts;
    t.lat = from.lat;
    t.lon = from.lon;
    t.speedKmh = from.speedKmh;
    t.headingDeg = from.headingDeg;
    t.engineTempC = from.engineTempC;
    t.containerTempC = from.containerTempC;
    t.fuelPct = from.fuelPct;
    t.ignition = from.ignition;
    t.roadCondition = from.roadCondition;
    return t;
  }

  @Override
  public TypeSerializerSnapshot<Fix> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the one serializer there is (Flink asks for it by this class's no-argument constructor). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Fix> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
