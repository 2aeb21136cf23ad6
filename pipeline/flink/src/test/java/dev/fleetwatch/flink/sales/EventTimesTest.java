package dev.fleetwatch.flink.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Java reading of lib/contracts/timestamps.ts: the same inputs give the same instants or a "timestamp:" reason. */
class EventTimesTest {
  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void readsJavaDateTextInEveryKnownZone() {
    assertEquals(at("2026-11-22T14:00:27Z"), EventTimes.parseText("Sun Nov 22 15:00:27 CET 2026").value());
    assertEquals(at("2026-07-01T10:00:00Z"), EventTimes.parseText("Wed Jul 01 12:00:00 CEST 2026").value());
    assertEquals(at("2026-11-22T14:00:27Z"), EventTimes.parseText("Sun Nov 22 19:30:27 GMT+05:30 2026").value());
    assertEquals(at("2026-11-22T14:00:27Z"), EventTimes.parseText("Sun Nov 22 09:00:27 EST 2026").value());
  }

  @Test
  void readsIsoWithAZoneAndEpochMilliseconds() {
    assertEquals(at("2026-11-22T14:00:27.120Z"), EventTimes.parseText("2026-11-22T15:00:27.12+0100").value());
    assertEquals(at("2026-11-22T14:00:27Z"), EventTimes.parseText(" " + at("2026-11-22T14:00:27Z") + " ").value());
    assertEquals(at("2026-11-22T14:00:27Z"), EventTimes.parseNumber((double) at("2026-11-22T14:00:27Z")).value());
  }

  @Test
  void refusesWhatItWouldHaveToGuess() {
    assertTrue(EventTimes.parseText("Sun Nov 22 14:00:27 IST 2026").reason().startsWith("timestamp: unknown or ambiguous zone \"IST\""));
    assertTrue(EventTimes.parseText("Mon Nov 22 14:00:27 UTC 2026").reason().endsWith("names the wrong weekday"));
    assertTrue(EventTimes.parseText("Tue Feb 31 14:00:27 UTC 2026").reason().endsWith("has a field out of range"));
    assertTrue(EventTimes.parseText("2026-11-22T14:00:27").reason().startsWith("timestamp: \"2026-11-22T14:00:27\" is not Java Date text"));
    assertTrue(EventTimes.parseNumber(at("2026-11-22T14:00:27Z") + 0.5).reason().startsWith("timestamp: "));
  }
}
