package dev.fleetwatch.flink.sales;

import java.util.HashMap;
import java.util.Map;

/** One store's open minute: its totals, per genre, and how many waiting purchases hold it open. */
public class WindowTotals {
  public StoreRef store;
  public long orders;
  public long units;
  public long revenueCents;
  /** Genre → {orders, units, cents}. */
  public Map<String, long[]> genres = new HashMap<>();
  /** Purchases waiting for their store or book: the minute may not close before they are counted. */
  public int holds;
  /** Changed since the last partial row. */
  public boolean dirty;

  public WindowTotals() {}

  void add(SaleEvent line) {
    store = line.store;
    orders += 1;
    units += line.quantity;
    revenueCents += line.revenueCents;
    long[] genre = genres.computeIfAbsent(line.genre, g -> new long[3]);
    genre[0] += 1;
    genre[1] += line.quantity;
    genre[2] += line.revenueCents;
    dirty = true;
  }
}
