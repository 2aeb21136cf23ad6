package dev.fleetwatch.flink.common;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits until one of the bootstrap brokers accepts a TCP connection. The demo starts the broker
 * beside this JVM; a Kafka client created before the broker listens logs a warning for every
 * refused connection ("could not be established"), which a new user reads as a fault. Waiting for
 * the port first leaves those warnings to real outages.
 */
final class BrokerPort {
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final long RETRY_MS = 250;
  private static final long SAY_EVERY_MS = 30_000;

  private BrokerPort() {}

  /** True once one of {@code brokers} ({@code host:port,...}) accepts a connection; false when none did by {@code deadlineNanos}. */
  static boolean awaitListening(String brokers, long deadlineNanos, Consumer<String> stillWaiting) throws InterruptedException {
    long nextSayNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SAY_EVERY_MS);
    while (true) {
      for (String broker : brokers.split(",")) if (accepts(broker.trim())) return true;
      if (System.nanoTime() > deadlineNanos) return false;
      if (System.nanoTime() > nextSayNanos) {
        stillWaiting.accept(brokers);
        nextSayNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SAY_EVERY_MS);
      }
      Thread.sleep(RETRY_MS);
    }
  }

  private static boolean accepts(String broker) {
    int colon = broker.lastIndexOf(':');
    if (colon <= 0) return false;
    int port;
    try {
      port = Integer.parseInt(broker.substring(colon + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(broker.substring(0, colon), port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
