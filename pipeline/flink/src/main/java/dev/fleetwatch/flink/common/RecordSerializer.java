package dev.fleetwatch.flink.common;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A serializer written field by field, for a record that crosses a keyBy at the fleet's rate (every
 * fix, 10,000 a second at 10,000 vehicles). Flink's POJO serializer reads and writes each field by
 * reflection: in a JFR profile of the jobs at 10,000 vehicles it took a fifth of their CPU. This does
 * the same in plain code.
 *
 * <p>For streams only ({@link #type()} on the operator that emits them). State keeps its POJO types,
 * so a checkpoint taken before reads back unchanged; aligned checkpoints hold no records in flight.
 */
public abstract class RecordSerializer<T> extends TypeSerializerSingleton<T> {
  private final Class<T> typeClass;

  protected RecordSerializer(Class<T> typeClass) {
    this.typeClass = typeClass;
  }

  /** The stream type to give an operator emitting {@code T}. */
  public final TypeInformation<T> type() {
    return new RecordType<>(typeClass, this);
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  // Field helpers: null-safe, as the records' optional fields need.

  protected static void writeString(String value, DataOutputView out) throws IOException {
    StringValue.writeString(value, out);
  }

  protected static String readString(DataInputView in) throws IOException {
    return StringValue.readString(in);
  }

  protected static void writeBytes(byte[] value, DataOutputView out) throws IOException {
    out.writeInt(value == null ? -1 : value.length);
    if (value != null) out.write(value);
  }

  protected static byte[] readBytes(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) return null;
    byte[] value = new byte[length];
    in.readFully(value);
    return value;
  }

  protected static byte[] copyOf(byte[] value) {
    return value == null ? null : value.clone();
  }

  protected static void writeOptionalDouble(Double value, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) out.writeDouble(value);
  }

  protected static Double readOptionalDouble(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  /** A raw record whole: where it was read and its bytes, so a later rejection still names it. */
  protected static void writeRecord(KafkaRecord record, DataOutputView out) throws IOException {
    writeString(record.topic, out);
    out.writeInt(record.partition);
    out.writeLong(record.offset);
    out.writeLong(record.timestamp);
    writeBytes(record.key, out);
    writeBytes(record.value, out);
  }

  protected static KafkaRecord readRecord(DataInputView in) throws IOException {
    return new KafkaRecord(readString(in), in.readInt(), in.readLong(), in.readLong(), readBytes(in), readBytes(in));
  }

  protected static KafkaRecord copyOf(KafkaRecord record) {
    return record == null ? null : new KafkaRecord(record.topic, record.partition, record.offset, record.timestamp, copyOf(record.key), copyOf(record.value));
  }

  /** The stream type of a record with its own serializer; Flink asks it for nothing but the serializer. */
  private static final class RecordType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> typeClass;
    private final RecordSerializer<T> serializer;

    RecordType(Class<T> typeClass, RecordSerializer<T> serializer) {
      this.typeClass = typeClass;
      this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<T> getTypeClass() {
      return typeClass;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
      return serializer;
    }

    @Override
    public String toString() {
      return typeClass.getSimpleName() + " (" + serializer.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RecordType<?> that && that.typeClass == typeClass && that.serializer.getClass() == serializer.getClass();
    }

    @Override
    public int hashCode() {
      return typeClass.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
      return other instanceof RecordType;
    }
  }
}
