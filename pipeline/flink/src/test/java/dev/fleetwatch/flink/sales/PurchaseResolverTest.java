package dev.fleetwatch.flink.sales;

import static dev.fleetwatch.flink.sales.SalesFixtures.OPTIONS;
import static dev.fleetwatch.flink.sales.SalesFixtures.STORE_A;
import static dev.fleetwatch.flink.sales.SalesFixtures.T0;
import static dev.fleetwatch.flink.sales.SalesFixtures.WALL;
import static dev.fleetwatch.flink.sales.SalesFixtures.bookEntry;
import static dev.fleetwatch.flink.sales.SalesFixtures.purchase;
import static dev.fleetwatch.flink.sales.SalesFixtures.storeEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counting each purchase id once, and the join with the bookstore and book tables with its wait. */
class PurchaseResolverTest {
  private KeyedBroadcastOperatorTestHarness<String, Purchase, CatalogueEntry, SaleEvent> harness;
  private int read;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new PurchaseResolver(OPTIONS), purchase -> purchase.id, Types.STRING, PurchaseResolver.STORES, PurchaseResolver.GENRES);
    harness.setProcessingTime(WALL);
    // As PurchaseWatermarks.tables(): the tables' input is idle, so the watermark is the purchases' alone.
    harness.getOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
    harness.processBroadcastElement(storeEntry(STORE_A), 0);
    harness.processBroadcastElement(bookEntry("b1", "Horror"), 0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** Events written since the last call, as "KIND store genre quantity". */
  private List<String> events() {
    List<SaleEvent> all = harness.extractOutputValues();
    List<String> described = all.subList(read, all.size()).stream()
        .map(e -> e.kind + " " + e.storeKey + (e.kind == SaleEvent.Kind.LINE ? " " + e.store.name + " " + e.genre + " " + e.quantity : ""))
        .collect(Collectors.toList());
    read = all.size();
    return described;
  }

  private void send(Purchase purchase) throws Exception {
    harness.processElement(purchase, purchase.eventTime);
  }

  @Test
  void joinsAPurchaseWithItsStoreAndItsBooksGenre() throws Exception {
    send(purchase("p1", "store-a", "b1", 3, 42, T0 + 27_000));
    assertEquals(List.of("LINE store-a A Books Horror 3"), events());
    assertEquals(12_600, harness.extractOutputValues().get(0).revenueCents);
  }

  @Test
  void countsAPurchaseDeliveredTwiceOnce() throws Exception {
    Purchase first = purchase("p1", "store-a", "b1", 1_000, 10, T0 + 1_000);
    send(first);
    send(purchase("p1", "store-a", "b1", 1_000, 10, T0 + 1_000));
    harness.processWatermark(T0 + 5 * 60_000);
    send(purchase("p1", "store-a", "b1", 1_000, 10, T0 + 1_000));
    assertEquals(List.of("LINE store-a A Books Horror 1000"), events());
    // Other ids are other purchases, however alike.
    send(purchase("p2", "store-a", "b1", 1_000, 10, T0 + 1_000));
    assertEquals(List.of("LINE store-a A Books Horror 1000"), events());
  }

  @Test
  void forgetsAPurchaseIdOnceTheDedupWindowOfEventTimeHasPassed() throws Exception {
    send(purchase("p1", "store-a", "b1", 1, 10, T0));
    harness.processWatermark(T0 + OPTIONS.dedupWindowMs() - 1);
    send(purchase("p1", "store-a", "b1", 1, 10, T0));
    assertEquals(1, events().size());
    harness.processWatermark(T0 + OPTIONS.dedupWindowMs());
    send(purchase("p1", "store-a", "b1", 1, 10, T0));
    assertEquals(1, events().size());
  }

  @Test
  void holdsTheMinuteWhileAStoreIsNotYetKnownThenCountsUnderItOnceItArrives() throws Exception {
    send(purchase("p1", "store-new", "b1", 2, 10, T0 + 5_000));
    assertEquals(List.of("HOLD store-new", "HOLD unknown"), events());
    harness.setProcessingTime(WALL + 5_000);
    assertEquals(List.of(), events());
    harness.processBroadcastElement(storeEntry(new StoreRef("store-new", "New Books", "Ogdenville", "Oregon")), 0);
    harness.setProcessingTime(WALL + 5_500);
    assertEquals(List.of("LINE store-new New Books Horror 2", "RELEASE store-new", "RELEASE unknown"), events());
    harness.setProcessingTime(WALL + 60_000);
    assertEquals(List.of(), events());
  }

  @Test
  void givesUpOnAStoreAfterTheWaitAndCountsUnderTheStoreUnknown() throws Exception {
    send(purchase("p1", "never-written", "b1", 1, 33, T0 + 15_000));
    assertEquals(List.of("HOLD never-written", "HOLD unknown"), events());
    harness.setProcessingTime(WALL + OPTIONS.unknownStoreWaitMs() - 1);
    assertEquals(List.of(), events());
    harness.setProcessingTime(WALL + OPTIONS.unknownStoreWaitMs());
    assertEquals(List.of("LINE unknown Unknown store Horror 1", "RELEASE never-written", "RELEASE unknown"), events());
  }

  @Test
  void countsAPurchaseOfAnUnknownBookUnderTheGenreUnknownAfterTheWait() throws Exception {
    send(purchase("p1", "store-a", "no-such-book", 1, 10, T0));
    assertEquals(List.of("HOLD store-a"), events());
    harness.setProcessingTime(WALL + OPTIONS.unknownStoreWaitMs());
    assertEquals(List.of("LINE store-a A Books unknown 1", "RELEASE store-a"), events());
  }

  @Test
  void aRemovedStoreIsUnknownAgain() throws Exception {
    CatalogueEntry tombstone = storeEntry(STORE_A);
    tombstone.store = null;
    harness.processBroadcastElement(tombstone, 0);
    send(purchase("p1", "store-a", "b1", 1, 10, T0));
    assertEquals(List.of("HOLD store-a", "HOLD unknown"), events());
  }

  @Test
  void passesThePurchasesWatermarkOnAndNothingMoreWhenPurchasesPause() throws Exception {
    harness.processWatermark(T0);
    harness.getOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
    harness.setProcessingTime(WALL + 60_000);
    List<Long> watermarks = harness.getOutput().stream().filter(Watermark.class::isInstance).map(w -> ((Watermark) w).getTimestamp()).toList();
    assertEquals(List.of(T0), watermarks);
  }
}
