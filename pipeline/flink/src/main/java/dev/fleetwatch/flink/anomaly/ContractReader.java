package dev.fleetwatch.flink.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetwatch.flink.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one JSON record field by field against its contract in lib/contracts, collecting what is
 * wrong in the TypeScript side's reason format ({@code empty: …}, {@code not-json: …},
 * {@code contract: path: message; …}, at most three issues), so a dead letter reads the same
 * whichever side wrote it.
 */
final class ContractReader {
  /** lib/contracts/common.ts idSchema: printable and short, it becomes a key and a URL segment. */
  private static final Pattern ID = Pattern.compile("^[\\w.:@-]+$");

  private final JsonNode root;
  private final String prefix;
  private final List<String> issues = new ArrayList<>();

  private ContractReader(JsonNode root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** The reader of {@code value}, or the reason it is not even JSON (thrown as {@link Rejected}). */
  static ContractReader of(byte[] value) throws Rejected {
    if (value == null || value.length == 0) throw new Rejected("empty: message has no value");
    try {
      JsonNode root = Json.MAPPER.readTree(new String(value, StandardCharsets.UTF_8));
      if (root == null || root.isMissingNode()) throw new Rejected("empty: message has no value");
      return new ContractReader(root, "");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Rejected("not-json: " + e.getOriginalMessage());
    }
  }

  boolean isObject() {
    if (!root.isObject()) issues.add("(root): expected object");
    return root.isObject();
  }

  boolean has(String field) {
    return root.has(field);
  }

  String string(String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) return fail(field, "expected string");
    return node.textValue();
  }

  String optionalString(String field) {
    return root.has(field) ? string(field) : null;
  }

  String id(String field) {
    String value = string(field);
    if (value != null && (value.isEmpty() || value.length() > 128 || !ID.matcher(value).matches())) return fail(field, "not an id (1-128 of letters, digits and . _ : @ -)");
    return value;
  }

  String oneOf(String field, Set<String> options) {
    String value = string(field);
    if (value != null && !options.contains(value)) return fail(field, "expected one of " + options);
    return value;
  }

  String optionalOneOf(String field, Set<String> options) {
    return root.has(field) ? oneOf(field, options) : null;
  }

  Double number(String field, double min, double max) {
    JsonNode node = root.get(field);
    if (node == null || !node.isNumber()) return fail(field, "expected number");
    double value = node.doubleValue();
    if (!(value >= min && value <= max)) return fail(field, "expected a number from " + min + " to " + max);
    return value;
  }

  Double optionalNumber(String field, double min, double max) {
    return root.has(field) ? number(field, min, max) : null;
  }

  /** lib/contracts/common.ts epochMs: a whole, non-negative number of milliseconds. */
  Long epochMs(String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isNumber()) return fail(field, "expected number");
    double value = node.doubleValue();
    if (value < 0 || value != Math.rint(value) || value > 9_007_199_254_740_991d) return fail(field, "expected a whole number of milliseconds");
    return (long) value;
  }

  Boolean bool(String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isBoolean()) return fail(field, "expected boolean");
    return node.booleanValue();
  }

  ContractReader object(String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isObject()) {
      fail(field, "expected object");
      return new ContractReader(Json.MAPPER.createObjectNode(), prefix + field + ".");
    }
    return new ContractReader(node, prefix + field + ".");
  }

  /** Throws the collected issues, if any, as one {@code contract:} reason. */
  void done(ContractReader... nested) throws Rejected {
    List<String> all = new ArrayList<>(issues);
    for (ContractReader reader : nested) all.addAll(reader.issues);
    if (!all.isEmpty()) throw new Rejected("contract: " + String.join("; ", all.subList(0, Math.min(3, all.size()))));
  }

  private <T> T fail(String field, String message) {
    issues.add(prefix + field + ": " + message);
    return null;
  }

  /** A record that does not meet its contract, and why. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }
}
