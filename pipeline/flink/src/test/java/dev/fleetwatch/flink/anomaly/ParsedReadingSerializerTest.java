package dev.fleetwatch.flink.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.SerializerRoundTrip;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reading crosses to the detector and the silence watch whole, with the bytes a late one goes to the dead letters with. */
class ParsedReadingSerializerTest {
  @Test
  void aTankersReadingComesThroughWithItsBytes() throws Exception {
    ParsedReading reading = Readings.reading(12, Map.of("status", "idle", "ignition", false), "tanker-0003");
    ParsedReading read = SerializerRoundTrip.throughTheWire(ParsedReadingSerializer.INSTANCE, reading);
    assertEquals(Json.write(reading), Json.write(read));
    assertArrayEquals(reading.raw.value, read.raw.value);
    assertEquals("gasoline", read.reading.cargo);
    assertEquals(reading.reading.containerTempC, read.reading.containerTempC);
  }

  @Test
  void aCabsReadingWithoutContainerOrCargoOrKeyStaysWithout() throws Exception {
    ParsedReading read = SerializerRoundTrip.throughTheWire(ParsedReadingSerializer.INSTANCE, Readings.reading(3));
    assertNull(read.reading.containerTempC);
    assertNull(read.reading.cargo);
    assertNull(read.raw.key);
    assertEquals(Json.write(Readings.reading(3)), Json.write(read));
  }

  @Test
  void aCopyIsEqualButSharesNothingMutable() {
    ParsedReading reading = Readings.reading(5, Map.of(), "tanker-0003");
    ParsedReading copy = ParsedReadingSerializer.INSTANCE.copy(reading);
    assertEquals(Json.write(reading), Json.write(copy));
    assertNotSame(reading.reading, copy.reading);
    assertNotSame(reading.raw.value, copy.raw.value);
  }

  @Test
  void isTheStreamTypesSerializerAndRestoresFromItsSnapshot() {
    SerializerRoundTrip.isTheStreamTypesAndRestores(ParsedReadingSerializer.INSTANCE);
  }
}
