package dev.fleetwatch.flink.occupancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetwatch.flink.contracts.ContractAssert;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The campus input contracts: a bad record is a reason, never an exception. */
class CampusContractsTest {
  private static CampusContracts.Parsed<Sighting> sighting(String json) {
    return CampusContracts.sighting(Fixtures.raw(OccupancyJob.SIGHTINGS_TOPIC, "s-1", json, 7));
  }

  @Test
  void readsAValidSightingAndKeepsItsRawRecordForTheDeadLetters() {
    String json = "{\"sensorId\":\"s-1\",\"badgeId\":\"b-9\",\"ts\":1772452800000}";
    ContractAssert.assertMatches(OccupancyJob.SIGHTINGS_TOPIC, json);
    Sighting parsed = sighting(json).value();
    assertEquals("s-1", parsed.sensorId);
    assertEquals("b-9", parsed.badgeId);
    assertEquals(1772452800000L, parsed.ts);
    assertEquals(7, parsed.source.offset);
  }

  @Test
  void givesAReasonOfTheKindTheMetricsCount() {
    assertEquals("empty: message has no value", sighting(null).reason());
    assertTrue(sighting("{not json").reason().startsWith("not-json: "));
    assertTrue(sighting("[1,2]").reason().startsWith("contract: (root)"));
    assertTrue(sighting("{\"sensorId\":\"s-1\",\"badgeId\":\"b\",\"ts\":\"soon\"}").reason().startsWith("contract: ts"));
    assertTrue(sighting("{\"sensorId\":\"s-1\",\"badgeId\":\"b\",\"ts\":-5}").reason().startsWith("contract: ts"));
    assertTrue(sighting("{\"sensorId\":\"s 1\",\"badgeId\":\"b\",\"ts\":5}").reason().startsWith("contract: sensorId"));
    assertTrue(sighting("{\"sensorId\":\"s-1\",\"badgeId\":\"\",\"ts\":5}").reason().startsWith("contract: badgeId"));
  }

  @Test
  void agreesWithTheExportedContractOnWhatIsASighting() {
    for (String json : new String[] {"{\"sensorId\":\"s-1\",\"badgeId\":\"b\",\"ts\":1.5}", "{\"sensorId\":\"s-1\",\"ts\":5}", "{\"sensorId\":\"a/b\",\"badgeId\":\"b\",\"ts\":5}"}) {
      assertTrue(sighting(json).reason() != null, json);
      assertTrue(!ContractAssert.problems(OccupancyJob.SIGHTINGS_TOPIC, json).isEmpty(), json);
    }
  }

  @Test
  void readsAZoneWithItsSensorsAndRejectsOneWithoutAShape() {
    String json = new String(Fixtures.zoneRecord(Fixtures.HALL, "s-1", "s-2").value, StandardCharsets.UTF_8);
    ContractAssert.assertMatches(OccupancyJob.ZONES_TOPIC, json);
    Zone zone = CampusContracts.zone(Fixtures.zoneRecord(Fixtures.HALL, "s-1", "s-2")).value();
    assertEquals("main-hall", zone.zoneId);
    assertEquals(500, zone.capacity);
    assertEquals(2, zone.sensors.length);
    CampusContracts.Parsed<Zone> shapeless = CampusContracts.zone(Fixtures.raw(OccupancyJob.ZONES_TOPIC, "z", "{\"zoneId\":\"z\",\"name\":\"Z\",\"capacity\":5,\"sensors\":[]}", 0));
    assertNull(shapeless.value());
    assertTrue(shapeless.reason().startsWith("contract: shape"));
  }

  @Test
  void readsBackOnlyTheJobsOwnCapacityAlerts() {
    String capacity = "{\"alertId\":\"capacity.lab.5\",\"kind\":\"capacity\",\"team\":\"security\",\"zoneId\":\"lab\",\"metric\":\"occupancy\",\"value\":9,"
        + "\"normal\":{\"min\":0,\"max\":8},\"startedAt\":5,\"detectedAt\":6,\"severity\":\"critical\",\"state\":\"cleared\"}";
    ContractAssert.assertMatches(ZoneFigures.ALERTS_TOPIC, capacity);
    ZoneEvent event = CampusContracts.previousAlert(Fixtures.raw(ZoneFigures.ALERTS_TOPIC, "capacity.lab.5", capacity, 0));
    assertEquals("lab", event.zoneId);
    assertEquals("capacity.lab.5", event.alertId);
    assertEquals(5, event.ts);
    assertEquals("critical", event.severity);
    assertTrue(event.cleared);
    assertNull(CampusContracts.previousAlert(Fixtures.raw(ZoneFigures.ALERTS_TOPIC, "x", capacity.replace("\"capacity\",", "\"anomaly\","), 0)));
    assertNull(CampusContracts.previousAlert(Fixtures.raw(ZoneFigures.ALERTS_TOPIC, "x", "{oops", 0)));
  }
}
