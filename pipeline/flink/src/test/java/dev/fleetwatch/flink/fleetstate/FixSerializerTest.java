package dev.fleetwatch.flink.fleetstate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fleetwatch.flink.common.Json;
import dev.fleetwatch.flink.common.SerializerRoundTrip;
import org.junit.jupiter.api.Test;

/** A fix crosses from the parser to the registry join whole: every field, the optional ones absent or present. */
class FixSerializerTest {
  @Test
  void aTankersFixComesThroughWithEveryField() throws Exception {
    Fix fix = FleetStateOperatorsTest.parsedFix(1_764_000_000_123L);
    fix.telemetry.roadCondition = "wet";
    Fix read = SerializerRoundTrip.throughTheWire(FixSerializer.INSTANCE, fix);
    assertEquals(Json.write(fix), Json.write(read));
    assertEquals(14.0, read.telemetry.containerTempC);
    assertEquals("wet", read.telemetry.roadCondition);
    assertArrayEquals("tanker-0001".getBytes(), read.key);
    assertEquals(7, read.offset);
  }

  @Test
  void aCabsFixWithoutOptionalFieldsOrKeyStaysWithout() throws Exception {
    Fix fix = FleetStateOperatorsTest.parsedFix(1_764_000_000_123L);
    fix.telemetry.fleet = "cabs";
    fix.telemetry.containerTempC = null;
    fix.telemetry.roadCondition = null;
    fix.key = null;
    Fix read = SerializerRoundTrip.throughTheWire(FixSerializer.INSTANCE, fix);
    assertNull(read.telemetry.containerTempC);
    assertNull(read.telemetry.roadCondition);
    assertNull(read.key);
    assertEquals(Json.write(fix), Json.write(read));
  }

  @Test
  void aCopyIsEqualButSharesNothingMutable() throws Exception {
    Fix fix = FleetStateOperatorsTest.parsedFix(1_764_000_000_123L);
    Fix copy = FixSerializer.INSTANCE.copy(fix);
    assertEquals(Json.write(fix), Json.write(copy));
    assertNotSame(fix.telemetry, copy.telemetry);
    assertNotSame(fix.key, copy.key);
  }

  @Test
  void isTheStreamTypesSerializerAndRestoresFromItsSnapshot() {
    SerializerRoundTrip.isTheStreamTypesAndRestores(FixSerializer.INSTANCE);
  }
}
