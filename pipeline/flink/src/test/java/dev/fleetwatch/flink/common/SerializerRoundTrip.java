package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** A record through a {@link RecordSerializer} as Flink uses it: over the wire, copied between chained steps, restored from its snapshot. */
public final class SerializerRoundTrip {
  private SerializerRoundTrip() {}

  /** {@code value} written and read back, twice in one buffer (so a serializer that reads too little or too much shows). */
  public static <T> T throughTheWire(RecordSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(value, out);
    serializer.serialize(value, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
    T first = serializer.deserialize(in);
    T second = serializer.deserialize(in);
    assertEquals(0, in.available(), "bytes left after two records");
    assertEquals(Json.write(first), Json.write(second));
    return first;
  }

  /** The serializer Flink gets from the stream type, and the one its snapshot restores, are the same one. */
  public static <T> void isTheStreamTypesAndRestores(RecordSerializer<T> serializer) {
    TypeSerializer<T> fromType = serializer.type().createSerializer(new SerializerConfigImpl());
    assertSame(serializer, fromType);
    assertSame(serializer, serializer.snapshotConfiguration().restoreSerializer());
  }
}
