package dev.fleetwatch.flink.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner creates its Kafka clients once a broker listens, not while it boots. */
class BrokerPortTest {
  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void returnsOnceABrokerStartsListening() throws Exception {
    int port = freePort();
    Thread broker = new Thread(() -> {
      try {
        Thread.sleep(600);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          socket.accept().close();
        }
      } catch (Exception ignored) {
        // the assertion below reports it
      }
    });
    broker.start();
    long started = System.nanoTime();
    boolean listening = BrokerPort.awaitListening("127.0.0.1:" + freePortOtherThan(port) + ",127.0.0.1:" + port, System.nanoTime() + TimeUnit.SECONDS.toNanos(10), brokers -> {});
    broker.join(5_000);
    assertTrue(listening);
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(500), "returned before the broker listened");
  }

  @Test
  void givesUpAtTheDeadlineWhenNothingListens() throws Exception {
    assertFalse(BrokerPort.awaitListening("127.0.0.1:" + freePort() + ",not-a-broker", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400), brokers -> {}));
  }

  private static int freePortOtherThan(int port) throws Exception {
    int other = freePort();
    return other == port ? freePort() : other;
  }
}
