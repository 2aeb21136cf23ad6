package dev.fleetwatch.flink.sales;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by purchase id: counts each purchase once, and joins it with the bookstore and book
 * tables (broadcast: both are small, and every subtask needs every store).
 *
 * <p>A purchase id seen again within {@code SALES_DEDUP_WINDOW_S} of event time (a producer retry:
 * same key, same bytes) is dropped. A purchase whose store or book is not on its table yet (a
 * record written just before it may not be read yet) holds its minute open and waits up to
 * {@code SALES_UNKNOWN_STORE_WAIT_S}; then it counts under the store (genre) {@code unknown}.
 */
public class PurchaseResolver extends KeyedBroadcastProcessFunction<String, Purchase, CatalogueEntry, SaleEvent> {
  public static final MapStateDescriptor<String, StoreRef> STORES = new MapStateDescriptor<>("bookstores", Types.STRING, Types.POJO(StoreRef.class));
  public static final MapStateDescriptor<String, String> GENRES = new MapStateDescriptor<>("book-genres", Types.STRING, Types.STRING);
  /** How often a waiting purchase looks for its store again. */
  static final long RETRY_MS = 500;

  private final SalesOptions options;
  private transient ValueState<Boolean> seen;
  private transient ValueState<Waiting> waiting;
  private transient Counter duplicates;

  public PurchaseResolver(SalesOptions options) {
    this.options = options;
  }

  /** A purchase waiting for its store or book, and the holds it placed. */
  public static class Waiting {
    public Purchase purchase;
    public long deadline;
    public boolean heldUnknown;

    public Waiting() {}
  }

  @Override
  public void open(OpenContext context) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    waiting = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting", Types.POJO(Waiting.class)));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicatePurchases");
  }

  @Override
  public void processElement(Purchase purchase, ReadOnlyContext ctx, Collector<SaleEvent> out) throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(true);
    // At least a full window of event time from now: a retry repeats the bytes, so the same event time.
    ctx.timerService().registerEventTimeTimer(Math.max(purchase.eventTime, ctx.timerService().currentWatermark()) + options.dedupWindowMs());

    StoreRef store = ctx.getBroadcastState(STORES).get(purchase.bookstoreId);
    String genre = ctx.getBroadcastState(GENRES).get(purchase.bookId);
    if (store != null && genre != null) {
      out.collect(SaleEvent.line(purchase, store, genre));
      return;
    }
    Waiting wait = new Waiting();
    wait.purchase = purchase;
    wait.deadline = ctx.timerService().currentProcessingTime() + options.unknownStoreWaitMs();
    wait.heldUnknown = store == null;
    out.collect(SaleEvent.hold(purchase.bookstoreId, purchase.eventTime));
    if (wait.heldUnknown) out.collect(SaleEvent.hold(StoreRef.UNKNOWN_ID, purchase.eventTime));
    waiting.update(wait);
    ctx.timerService().registerProcessingTimeTimer(Math.min(wait.deadline, ctx.timerService().currentProcessingTime() + RETRY_MS));
  }

  @Override
  public void processBroadcastElement(CatalogueEntry entry, Context ctx, Collector<SaleEvent> out) throws Exception {
    if (entry.isBookstore()) update(ctx.getBroadcastState(STORES), entry.key, entry.store);
    else update(ctx.getBroadcastState(GENRES), entry.key, entry.genre);
  }

  private static <V> void update(BroadcastState<String, V> table, String key, V value) throws Exception {
    if (value == null) table.remove(key);
    else table.put(key, value);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SaleEvent> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      seen.clear();
      return;
    }
    Waiting wait = waiting.value();
    if (wait == null) return;
    ReadOnlyBroadcastState<String, StoreRef> stores = ctx.getBroadcastState(STORES);
    StoreRef store = stores.get(wait.purchase.bookstoreId);
    String genre = ctx.getBroadcastState(GENRES).get(wait.purchase.bookId);
    long now = ctx.timerService().currentProcessingTime();
    if ((store == null || genre == null) && now < wait.deadline) {
      ctx.timerService().registerProcessingTimeTimer(Math.min(wait.deadline, now + RETRY_MS));
      return;
    }
    // Counted before the holds go, so its minute cannot close without it.
    out.collect(SaleEvent.line(wait.purchase, store == null ? StoreRef.unknown() : store, genre == null ? "unknown" : genre));
    out.collect(SaleEvent.release(wait.purchase.bookstoreId, wait.purchase.eventTime));
    if (wait.heldUnknown) out.collect(SaleEvent.release(StoreRef.UNKNOWN_ID, wait.purchase.eventTime));
    waiting.clear();
  }
}
