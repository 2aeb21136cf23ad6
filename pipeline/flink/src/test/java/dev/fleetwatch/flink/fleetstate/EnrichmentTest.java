package dev.fleetwatch.flink.fleetstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases of pipeline/processors/fleet-state/enrich.test.ts. */
class EnrichmentTest {
  static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

  static Telemetry fix() {
    Telemetry t = new Telemetry();
    t.vehicleId = "tanker-0001";
    t.fleet = "tankers";
    t.ts = NOW - 1000;
    t.lat = 51.9;
    t.lon = 4.48;
    t.speedKmh = 54;
    t.headingDeg = 90;
    t.engineTempC = 88;
    t.containerTempC = 14.0;
    t.fuelPct = 70;
    t.ignition = true;
    return t;
  }

  static Vehicle registry() {
    return new Vehicle("tanker-0001", "tankers", "TK-001", "A. Jansen", "Botlek", "lpg");
  }

  @Test
  void statusIsParkedWithIgnitionOffIdleWhenSlowMovingOtherwise() {
    assertEquals("parked", Enrichment.statusOf(false, 0));
    assertEquals("idle", Enrichment.statusOf(true, 1));
    assertEquals("moving", Enrichment.statusOf(true, 40));
  }

  @Test
  void addsPlateDriverDepotCargoAndStatusFromTheRegistry() {
    Enrichment.Result result = Enrichment.enrich(fix(), registry(), NOW);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("vehicleId", "tanker-0001");
    expected.put("fleet", "tankers");
    expected.put("ts", NOW - 1000);
    expected.put("lat", 51.9);
    expected.put("lon", 4.48);
    expected.put("speedKmh", 54.0);
    expected.put("headingDeg", 90.0);
    expected.put("engineTempC", 88.0);
    expected.put("containerTempC", 14.0);
    expected.put("fuelPct", 70.0);
    expected.put("ignition", true);
    expected.put("plate", "TK-001");
    expected.put("driver", "A. Jansen");
    expected.put("depot", "Botlek");
    expected.put("cargo", "lpg");
    expected.put("status", "moving");
    assertTrue(result.ok());
    assertEquals(expected, result.state());
  }

  @Test
  void keepsAnUnregisteredVehicleVisibleInsteadOfDroppingIt() {
    Enrichment.Result result = Enrichment.enrich(fix(), null, NOW);
    assertTrue(result.ok());
    assertEquals("unregistered", result.state().get("plate"));
    assertFalse(result.state().containsKey("depot"));
  }

  @Test
  void rejectsAFixFromAClockFarInTheFuture() {
    Telemetry t = fix();
    t.ts = NOW + 3_600_000;
    Enrichment.Result result = Enrichment.enrich(t, registry(), NOW);
    assertFalse(result.ok());
    assertTrue(result.reason().startsWith("future-timestamp"), result.reason());
  }

  @Test
  void rejectsTelemetryWhoseFleetContradictsTheRegistry() {
    Telemetry t = fix();
    t.fleet = "cabs";
    assertFalse(Enrichment.enrich(t, registry(), NOW).ok());
  }
}
