package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's bytes read the same whether they are plain ASCII (parsed as bytes) or not (decoded first). */
class ContractReaderTest {
  private static ContractReader reader(byte[] value) {
    ContractReader.Parsed parsed = ContractReader.parse(value);
    assertNull(parsed.reason());
    return parsed.reader();
  }

  @Test
  void anAsciiRecordIsReadFieldByField() {
    ContractReader in = reader("{\"vehicleId\":\"cab-0001\",\"lat\":51.92,\"ts\":1764000000123}".getBytes(StandardCharsets.US_ASCII));
    assertEquals("cab-0001", in.id("vehicleId"));
    assertEquals(51.92, in.number("lat", -90, 90));
    assertEquals(1_764_000_000_123L, in.epochMs("ts"));
    assertNull(in.problem());
  }

  @Test
  void utf8TextOutsideAsciiReadsAsWritten() {
    ContractReader in = reader("{\"driver\":\"Zoë Ørsted 李\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("Zoë Ørsted 李", in.string("driver", 0, 64));
  }

  @Test
  void bytesThatAreNotUtf8ReadAsReplacementCharactersAsTheTypeScriptSideReadsThem() {
    byte[] value = {'{', '"', 'd', 'r', 'i', 'v', 'e', 'r', '"', ':', '"', 'A', (byte) 0xFF, '"', '}'};
    assertEquals("A\uFFFD", reader(value).string("driver", 0, 64));
  }

  @Test
  void notJsonGivesTheSameReasonWithOrWithoutNonAsciiBytes() {
    String ascii = ContractReader.parse("{\"a\":nope}".getBytes(StandardCharsets.UTF_8)).reason();
    String accented = ContractReader.parse("{\"é\":nope}".getBytes(StandardCharsets.UTF_8)).reason();
    assertTrue(ascii.startsWith("not-json: Unrecognized token 'nope'"), ascii);
    assertEquals(ascii, accented);
  }

  @Test
  void numbersAreWrittenAsTheShortestTextThatReadsBackAsTheSameDouble() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("sum", 0.1 + 0.2);
    values.put("lat", 51.92);
    values.put("small", -0.00035);
    assertEquals("{\"sum\":0.30000000000000004,\"lat\":51.92,\"small\":-3.5E-4}", Json.write(values));
  }
}
