package dev.fleetwatch.flink.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a record a job writes (or a sample it reads) against the topic's contract. The contracts
 * are written once, as zod schemas in lib/contracts; {@code npm run contracts:export} turns them
 * into {@code contracts/<topic>.schema.json} on this module's classpath, and a unit test on the
 * TypeScript side fails when those files are stale. So a field renamed on one side only fails here.
 *
 * <pre>{@code ContractAssert.assertMatches("bookstore.sales-per-minute", Json.write(row));}</pre>
 */
public final class ContractAssert {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  /** Enough to see what is wrong without drowning the message in one oneOf's every branch. */
  private static final int MAX_ERRORS = 12;

  private ContractAssert() {}

  /** Fails with every breach of the contract (path and rule) and the record itself. */
  public static void assertMatches(String topic, String json) {
    List<String> problems = problems(topic, json);
    if (!problems.isEmpty()) {
      throw new AssertionError("record on " + topic + " breaks its contract (lib/contracts):\n  - "
          + String.join("\n  - ", problems) + "\n  record: " + json);
    }
  }

  /** The contract's complaints about one record; empty when it matches. */
  public static List<String> problems(String topic, String json) {
    JsonNode record;
    try {
      record = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of("not JSON: " + e.getOriginalMessage());
    }
    List<Error> errors = schema(topic).validate(record);
    return errors.stream().limit(MAX_ERRORS).map(ContractAssert::describe).collect(Collectors.toList());
  }

  private static String describe(Error error) {
    String where = error.getInstanceLocation().toString();
    return (where.isEmpty() ? "$" : where) + " " + error.getKeyword() + ": " + error.getMessage();
  }

  private static Schema schema(String topic) {
    return SCHEMAS.computeIfAbsent(topic, ContractAssert::load);
  }

  private static Schema load(String topic) {
    String resource = "contracts/" + topic + ".schema.json";
    try (InputStream in = ContractAssert.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no contract for topic \"" + topic + "\" (" + resource
            + " is not on the classpath; is the topic in lib/contracts/topic-contracts.ts and was"
            + " npm run contracts:export run?)");
      }
      return REGISTRY.getSchema(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
