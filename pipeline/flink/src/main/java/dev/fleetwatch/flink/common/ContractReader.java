package dev.fleetwatch.flink.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one record's JSON against its contract in lib/contracts, field by field, and collects the
 * problems the way the TypeScript side words them ({@code empty: ...}, {@code not-json: ...},
 * {@code contract: path: problem; ...}), so a dead letter's reason reads the same from either side.
 */
public final class ContractReader {
  /** lib/contracts/common.ts idSchema: ids become Kafka keys, room names and URL segments. */
  private static final Pattern ID = Pattern.compile("^[\\w.:@-]+$");
  private static final int MAX_REPORTED = 3;
  private static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?$");

  private final JsonNode node;
  private final List<String> problems;
  /** Where this reader's fields sit in the record ({@code normal.} for a nested object), for the problems' paths. */
  private final String path;

  private ContractReader(JsonNode node, List<String> problems, String path) {
    this.node = node;
    this.problems = problems;
    this.path = path;
  }

  /** The record's value as a JSON object reader, or the reason it is not one. */
  public static Parsed parse(byte[] value) {
    if (value == null || value.length == 0) return Parsed.rejected("empty: message has no value");
    JsonNode node;
    try {
      node = isAscii(value) ? Json.MAPPER.readTree(value) : Json.MAPPER.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (Exception e) {
      return Parsed.rejected("not-json: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) return Parsed.rejected("contract: (root): expected object");
    return new Parsed(new ContractReader(node, new ArrayList<>(), ""), null);
  }

  /**
   * Pure ASCII, as nearly every record is, is parsed from its bytes without first copying them into
   * a String. Anything else is decoded first, so bytes that are not UTF-8 read as replacement
   * characters, as the TypeScript side reads them, where Jackson's byte parser would refuse them.
   */
  private static boolean isAscii(byte[] value) {
    for (byte b : value) if (b < 0) return false;
    return true;
  }

  /**
   * A record's value read field by field with {@code fields}, or null after handing a dead letter
   * with the reason (empty, not JSON, or the contract's problems) to {@code reject}.
   */
  public static <T> T read(KafkaRecord record, Function<ContractReader, T> fields, Consumer<DeadLetter> reject) {
    Parsed parsed = parse(record.value);
    if (parsed.reason() != null) {
      reject.accept(new DeadLetter(record, parsed.reason()));
      return null;
    }
    T value = fields.apply(parsed.reader());
    String problem = parsed.reader().problem();
    if (problem != null) {
      reject.accept(new DeadLetter(record, problem));
      return null;
    }
    return value;
  }

  public record Parsed(ContractReader reader, String reason) {
    static Parsed rejected(String reason) {
      return new Parsed(null, reason);
    }
  }

  /** Null when every field read so far matched, else {@code contract: <up to three problems>}. */
  public String problem() {
    if (problems.isEmpty()) return null;
    return "contract: " + String.join("; ", problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
  }

  /** True when the record has {@code field} at all (for a contract with alternative shapes). */
  public boolean has(String field) {
    return !absent(field);
  }

  /** A nested object's reader: its problems are this record's, under {@code field.}. */
  public ContractReader object(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      fail(field, "expected object");
      return new ContractReader(Json.MAPPER.createObjectNode(), new ArrayList<>(), path + field + ".");
    }
    return new ContractReader(value, problems, path + field + ".");
  }

  public String id(String field) {
    String value = string(field, 1, 128);
    if (value != null && !ID.matcher(value).matches()) return fail(field, "letters, digits and . _ : @ - only");
    return value;
  }

  public String string(String field, int minLength, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return fail(field, "required string");
    if (!value.isTextual()) return fail(field, "expected string");
    String text = value.asText();
    if (text.length() < minLength) return fail(field, "too short: at least " + minLength + " characters");
    if (text.length() > maxLength) return fail(field, "too long: at most " + maxLength + " characters");
    return text;
  }

  public String optionalString(String field, int minLength, int maxLength) {
    return absent(field) ? null : string(field, minLength, maxLength);
  }

  public String oneOf(String field, Set<String> allowed) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !allowed.contains(value.asText())) return fail(field, "expected one of " + String.join("|", allowed));
    return value.asText();
  }

  public String optionalOneOf(String field, Set<String> allowed) {
    return absent(field) ? null : oneOf(field, allowed);
  }

  /** A number within [min, max]; NaN (with the problem recorded) when it is not. */
  public double number(String field, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      fail(field, "expected number");
      return Double.NaN;
    }
    double number = value.asDouble();
    if (number < min || number > max) {
      fail(field, "expected a number in [" + trim(min) + ", " + trim(max) + "], got " + trim(number));
      return Double.NaN;
    }
    return number;
  }

  /**
   * A number, or a string of one (lib/contracts/sales.ts numberOrNumericString: the MSK Data
   * Generator writes every field as a string); NaN (with the problem recorded) when neither.
   */
  public double numberOrNumericString(String field) {
    JsonNode value = node.get(field);
    if (value != null && value.isNumber()) return value.asDouble();
    if (value != null && value.isTextual() && NUMERIC.matcher(value.asText().trim()).matches()) return Double.parseDouble(value.asText().trim());
    fail(field, value != null && value.isTextual() ? "not a number" : "expected number or numeric string");
    return Double.NaN;
  }

  /** A non-empty string or a number (as event times come), else null with the problem recorded. */
  public JsonNode textOrNumber(String field) {
    JsonNode value = node.get(field);
    if (value != null && (value.isNumber() || (value.isTextual() && !value.asText().isEmpty()))) return value;
    return fail(field, "expected a non-empty string or a number");
  }

  /** Records a problem the field's type alone does not show (a range, a whole number). */
  public void refuse(String field, String problem) {
    fail(field, problem);
  }

  public Double optionalNumber(String field, double min, double max) {
    return absent(field) ? null : number(field, min, max);
  }

  /** Epoch milliseconds (lib/contracts/common.ts epochMs): a non-negative whole number. */
  public long epochMs(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || value.asDouble() != Math.rint(value.asDouble()) || value.asDouble() < 0) {
      fail(field, "expected epoch milliseconds (a non-negative whole number)");
      return -1;
    }
    return value.asLong();
  }

  public boolean bool(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      fail(field, "expected boolean");
      return false;
    }
    return value.asBoolean();
  }

  /** Only a missing field is absent: zod's optional() refuses an explicit null, and so does this. */
  private boolean absent(String field) {
    return node.get(field) == null;
  }

  /** A whole number within [min, max] (zod's int()); -1 (with the problem recorded) when it is not. */
  public long integer(String field, long min, long max) {
    double number = number(field, min, max);
    if (Double.isNaN(number)) return -1;
    if (number != Math.rint(number)) {
      fail(field, "expected a whole number, got " + trim(number));
      return -1;
    }
    return (long) number;
  }

  /** lib/contracts/common.ts idSchema: 1 to 128 letters, digits and . _ : @ - (a record's key is one too). */
  public static boolean isId(String value) {
    return value != null && !value.isEmpty() && value.length() <= 128 && ID.matcher(value).matches();
  }

  /** An array of ids (z.array(idSchema)); null when it is not one. */
  public List<String> ids(String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) return fail(field, "expected array");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || !isId(item.asText())) return fail(field + "." + i, "letters, digits and . _ : @ - only (1 to 128 characters)");
      ids.add(item.asText());
    }
    return ids;
  }

  /** An array of at least {@code minSize} items that each pass {@code item}; its size, or -1 when it is not one. */
  public int array(String field, int minSize, java.util.function.Predicate<JsonNode> item, String itemRule) {
    JsonNode value = node.get(field);
    String problem = value == null || !value.isArray() ? "expected array" : value.size() < minSize ? "expected at least " + minSize + " items" : null;
    for (int i = 0; problem == null && i < value.size(); i++) if (!item.test(value.get(i))) problem = i + ": " + itemRule;
    if (problem == null) return value.size();
    fail(field, problem);
    return -1;
  }

  private <T> T fail(String field, String problem) {
    problems.add(path + field + ": " + problem);
    return null;
  }

  private static String trim(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
