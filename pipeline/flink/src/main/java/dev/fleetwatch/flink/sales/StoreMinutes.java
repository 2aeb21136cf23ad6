package dev.fleetwatch.flink.sales;

import dev.fleetwatch.flink.common.DeadLetter;
import dev.fleetwatch.flink.common.KeyedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by store: one-minute tumbling windows on event time, a partial row for each minute that
 * changed every ~2 s, and exactly one final row per minute when the watermark passes its end
 * plus {@code SALES_ALLOWED_LATENESS_S} and no waiting purchase holds it open. A purchase for a
 * minute already beyond the lateness goes to the dead letters as {@code too-late}.
 *
 * <p>The watermark comes from the purchase source, per partition (a partition read ahead makes
 * nobody late; a silent one stops holding it back after 15 s). When it has not moved for that long
 * (every partition quiet), event time is taken to run on at wall speed, so the last minutes still
 * close. That clock only moves forward.
 */
public class StoreMinutes extends KeyedProcessFunction<String, SaleEvent, KeyedRecord> {
  private final SalesOptions options;
  private transient MapState<Long, WindowTotals> windows;
  // Per subtask, not per key: the watermark is the same for every key of the subtask.
  private transient long lastWatermark;
  private transient long lastAdvanceAt;
  private transient long clock;

  public StoreMinutes(SalesOptions options) {
    this.options = options;
  }

  @Override
  public void open(OpenContext context) {
    windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("minutes", Types.LONG, Types.POJO(WindowTotals.class)));
    lastWatermark = Long.MIN_VALUE;
    clock = Long.MIN_VALUE;
  }

  @Override
  public void processElement(SaleEvent event, Context ctx, Collector<KeyedRecord> out) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long watermark = advance(ctx.timerService().currentWatermark(), now);
    long start = SalesOptions.windowStartOf(event.eventTime);
    WindowTotals window = windows.get(start);
    if (window == null) {
      if (options.closesAt(start) <= watermark) {
        // A hold for a closed minute is dropped: its line will arrive and be rejected here.
        if (event.kind == SaleEvent.Kind.LINE) ctx.output(DeadLetter.TAG, new DeadLetter(event.source, tooLate(event.eventTime)));
        return;
      }
      if (event.kind == SaleEvent.Kind.RELEASE) return;
      window = new WindowTotals();
      ctx.timerService().registerEventTimeTimer(options.closesAt(start));
      scheduleTick(ctx.timerService().currentProcessingTime(), ctx.timerService());
    }
    switch (event.kind) {
      case HOLD -> window.holds += 1;
      case LINE -> window.add(event);
      case RELEASE -> window.holds = Math.max(0, window.holds - 1);
    }
    if (window.holds == 0 && window.store != null && options.closesAt(start) <= watermark) {
      emit(start, window, true, out);
      windows.remove(start);
    } else if (window.holds == 0 && window.store == null) {
      // Only holds were ever placed and all released: the purchases counted elsewhere.
      if (options.closesAt(start) <= watermark) windows.remove(start);
      else windows.put(start, window);
    } else {
      windows.put(start, window);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedRecord> out) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long watermark = advance(ctx.timerService().currentWatermark(), now);
    boolean partials = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
    List<Long> closed = new ArrayList<>();
    List<Map.Entry<Long, WindowTotals>> open = new ArrayList<>();
    for (Map.Entry<Long, WindowTotals> entry : windows.entries()) open.add(entry);
    open.sort(Map.Entry.comparingByKey());
    for (Map.Entry<Long, WindowTotals> entry : open) {
      long start = entry.getKey();
      WindowTotals window = entry.getValue();
      if (window.holds == 0 && options.closesAt(start) <= watermark) {
        if (window.store != null) emit(start, window, true, out);
        closed.add(start);
      } else if (partials && window.dirty && window.store != null) {
        emit(start, window, false, out);
        window.dirty = false;
        windows.put(start, window);
      }
    }
    for (long start : closed) windows.remove(start);
    if (partials && !windows.isEmpty()) scheduleTick(now, ctx.timerService());
  }

  /** The next partial tick on the 2 s grid: every store of a subtask writes at the same instants. */
  private void scheduleTick(long now, org.apache.flink.streaming.api.TimerService timers) {
    timers.registerProcessingTimeTimer((now / options.partialEveryMs() + 1) * options.partialEveryMs());
  }

  private void emit(long start, WindowTotals window, boolean isFinal, Collector<KeyedRecord> out) {
    out.collect(SalesRow.of(start, window, isFinal).toRecord());
  }

  /** The subtask's event-time clock: the watermark, run on at wall speed once it stood still for the idle time. */
  long advance(long watermark, long now) {
    if (watermark > lastWatermark) {
      lastWatermark = watermark;
      lastAdvanceAt = now;
    }
    long candidate = lastWatermark;
    if (lastWatermark != Long.MIN_VALUE && now - lastAdvanceAt >= options.idlePartitionMs()) candidate = lastWatermark + (now - lastAdvanceAt);
    clock = Math.max(clock, candidate);
    return clock;
  }

  private String tooLate(long eventTime) {
    return "too-late: event time " + Instant.ofEpochMilli(eventTime) + " is beyond the allowed lateness of " + options.allowedLatenessMs() / 1000 + " s";
  }
}
