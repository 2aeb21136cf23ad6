package dev.fleetwatch.flink.sales;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event times as real producers write them, to epoch ms: the Java port of
 * lib/contracts/timestamps.ts (Java {@code Date.toString()} text, ISO-8601 with a zone, epoch
 * milliseconds as a number or numeric string). Anything else is a reason, never a guess; the
 * reasons start with {@code timestamp: } as the TypeScript ones do, so metrics count them alike.
 */
public final class EventTimes {
  /** Zone abbreviations a JVM prints, with their offsets in minutes; ambiguous ones (IST, BST) deliberately absent. */
  static final Map<String, Integer> ZONE_OFFSETS_MIN = Map.ofEntries(
      Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("UT", 0), Map.entry("Z", 0),
      Map.entry("WET", 0), Map.entry("WEST", 60), Map.entry("CET", 60), Map.entry("CEST", 120),
      Map.entry("MET", 60), Map.entry("MEST", 120), Map.entry("EET", 120), Map.entry("EEST", 180),
      Map.entry("MSK", 180), Map.entry("HST", -600), Map.entry("AKST", -540), Map.entry("AKDT", -480),
      Map.entry("PST", -480), Map.entry("PDT", -420), Map.entry("MST", -420), Map.entry("MDT", -360),
      Map.entry("CST", -360), Map.entry("CDT", -300), Map.entry("EST", -300), Map.entry("EDT", -240),
      Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("SGT", 480), Map.entry("HKT", 480),
      Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("NZST", 720), Map.entry("NZDT", 780));

  private static final List<String> DAYS = List.of("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat");
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final Pattern JAVA_DATE = Pattern.compile(
      "^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) ([A-Z]{1,5}(?:[+-]\\d{2}:\\d{2})?) (\\d{4})$");
  private static final Pattern ISO_DATE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})$");
  private static final Pattern EPOCH_MS = Pattern.compile("^\\d{1,16}$");
  private static final Pattern CUSTOM_ZONE = Pattern.compile("^(GMT|UTC)([+-])(\\d{2}):(\\d{2})$");
  /** Below this an epoch value is almost surely seconds (1973 in ms), which would land in 1970. */
  private static final long MIN_EPOCH_MS = 100_000_000_000L;
  private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private EventTimes() {}

  /** A parsed time or the reason it is not one. */
  public record Result(long value, String reason) {
    static Result ok(long value) {
      return new Result(value, null);
    }

    static Result fail(String reason) {
      return new Result(0, reason);
    }

    public boolean ok() {
      return reason == null;
    }
  }

  public static Result parseNumber(double value) {
    if (value != Math.rint(value) || Math.abs(value) > MAX_SAFE_INTEGER || value < MIN_EPOCH_MS) {
      return Result.fail("timestamp: " + formatNumber(value) + " is not epoch milliseconds (seconds, fractional or out of range)");
    }
    return Result.ok((long) value);
  }

  public static Result parseText(String raw) {
    String text = raw.trim();
    if (EPOCH_MS.matcher(text).matches()) return parseNumber(Double.parseDouble(text));
    if (ISO_DATE_TIME.matcher(text).matches()) return isoDateTime(text);
    Matcher java = JAVA_DATE.matcher(text);
    if (java.matches()) return javaDate(java);
    return Result.fail("timestamp: \"" + text.substring(0, Math.min(60, text.length())) + "\" is not Java Date text, ISO-8601 with a zone, or epoch ms");
  }

  private static Result isoDateTime(String text) {
    // OffsetDateTime wants "+hh:mm"; ISO-8601 also allows "+hhmm".
    String normalized = text.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
    try {
      return Result.ok(OffsetDateTime.parse(normalized).toInstant().toEpochMilli());
    } catch (DateTimeException e) {
      return Result.fail("timestamp: \"" + text + "\" is not a valid ISO-8601 date-time");
    }
  }

  private static Result javaDate(Matcher m) {
    String text = m.group(0);
    int month = MONTHS.indexOf(m.group(2));
    Integer offset = zoneOffsetMin(m.group(7));
    if (month < 0) return Result.fail("timestamp: unknown month \"" + m.group(2) + "\" in \"" + text + "\"");
    if (offset == null) return Result.fail("timestamp: unknown or ambiguous zone \"" + m.group(7) + "\" in \"" + text + "\"");
    LocalDateTime local;
    try {
      local = LocalDateTime.of(Integer.parseInt(m.group(8)), month + 1, Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      return Result.fail("timestamp: \"" + text + "\" has a field out of range");
    }
    if (!DAYS.get(local.getDayOfWeek().getValue() % 7).equals(m.group(1))) {
      return Result.fail("timestamp: \"" + text + "\" names the wrong weekday");
    }
    return Result.ok(local.toInstant(ZoneOffset.UTC).toEpochMilli() - offset * 60_000L);
  }

  private static Integer zoneOffsetMin(String zone) {
    Matcher custom = CUSTOM_ZONE.matcher(zone);
    if (custom.matches()) {
      int minutes = Integer.parseInt(custom.group(3)) * 60 + Integer.parseInt(custom.group(4));
      return custom.group(2).equals("-") ? -minutes : minutes;
    }
    return ZONE_OFFSETS_MIN.get(zone);
  }

  private static String formatNumber(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e21 ? String.valueOf((long) value) : String.valueOf(value);
  }
}
