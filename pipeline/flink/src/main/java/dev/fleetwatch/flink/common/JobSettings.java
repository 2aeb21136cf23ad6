package dev.fleetwatch.flink.common;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The jobs' settings: the same environment variable names the README documents for the whole
 * product (KAFKA_BROKERS, SALES_ALLOWED_LATENESS_S, ...). On Amazon Managed Service for Apache
 * Flink the runtime properties of group "FleetwatchSettings" give the same names.
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> values;

  public JobSettings(Map<String, String> values) {
    this.values = new HashMap<>(values);
  }

  public static JobSettings fromEnvironment() {
    return new JobSettings(System.getenv());
  }

  public JobSettings with(String name, String value) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(name, value);
    return new JobSettings(copy);
  }

  public String get(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  public String require(String name) {
    String value = get(name, null);
    if (value == null) throw new IllegalArgumentException(name + " is required");
    return value;
  }

  public int getInt(String name, int fallback) {
    String value = get(name, null);
    if (value == null) return fallback;
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
    }
  }

  public double getDouble(String name, double fallback) {
    String value = get(name, null);
    if (value == null) return fallback;
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got \"" + value + "\"");
    }
  }

  public boolean getBoolean(String name, boolean fallback) {
    String value = get(name, null);
    if (value == null) return fallback;
    return value.equals("true") || value.equals("1") || value.equals("yes");
  }

  public Duration getSeconds(String name, long fallbackSeconds) {
    return Duration.ofMillis(Math.round(getDouble(name, fallbackSeconds) * 1000));
  }

  /** Brokers as the product's config module computes them: KAFKA_BROKERS, else the local broker. */
  public String brokers() {
    return get("KAFKA_BROKERS", "127.0.0.1:" + get("KAFKA_LOCAL_PORT", "9092"));
  }

  /** Kafka client properties for TLS and SASL, from the same settings as the TypeScript side. */
  public Properties kafkaSecurity() {
    Properties props = new Properties();
    boolean ssl = getBoolean("KAFKA_SSL", false);
    String mechanism = get("KAFKA_SASL_MECHANISM", null);
    if (mechanism == null) {
      props.put("security.protocol", ssl ? "SSL" : "PLAINTEXT");
    } else {
      props.put("security.protocol", ssl ? "SASL_SSL" : "SASL_PLAINTEXT");
      switch (mechanism) {
        case "plain" -> {
          props.put("sasl.mechanism", "PLAIN");
          props.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.plain.PlainLoginModule"));
        }
        case "scram-sha-256", "scram-sha-512" -> {
          props.put("sasl.mechanism", mechanism.toUpperCase());
          props.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule"));
        }
        case "aws-msk-iam" -> {
          props.put("sasl.mechanism", "AWS_MSK_IAM");
          props.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
          props.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        default -> throw new IllegalArgumentException("KAFKA_SASL_MECHANISM: unknown mechanism " + mechanism);
      }
    }
    String ca = get("KAFKA_SSL_CA_FILE", null);
    if (ssl && ca != null) {
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", ca);
    }
    if (ssl && !getBoolean("KAFKA_SSL_REJECT_UNAUTHORIZED", true)) {
      props.put("ssl.endpoint.identification.algorithm", "");
    }
    return props;
  }

  private String jaas(String module) {
    return module + " required username=\"" + escape(require("KAFKA_SASL_USERNAME")) + "\" password=\""
        + escape(require("KAFKA_SASL_PASSWORD")) + "\";";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
