package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's Prometheus reporter, listening on one address instead of every interface: the jobs'
 * metrics are for the machine's own scraper, not the network. In Flink's package because the
 * registry the base class fills is package-private. Options: {@code host} (default 127.0.0.1), {@code port}.
 */
public class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
  private HTTPServer server;

  @Override
  public void open(MetricConfig config) {
    super.open(config);
    String host = config.getString("host", "127.0.0.1");
    int port = Integer.parseInt(config.getString("port", "9249"));
    try {
      server = new HTTPServer(new InetSocketAddress(host, port), registry, true);
      log.info("Prometheus metrics on http://{}:{}/metrics", host, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for Prometheus on " + host + ":" + port, e);
    }
  }

  @Override
  public void close() {
    if (server != null) server.stop();
    super.close();
  }

  /** Named in the Flink configuration as {@code metrics.reporter.<name>.factory.class}. */
  public static class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(java.util.Properties properties) {
      return new LoopbackPrometheusReporter();
    }
  }
}
