package dev.fleetwatch.flink.sales;

/** A bookstore as the `bookstore` table names it; the store `unknown` when it never became known within the wait. */
public class StoreRef {
  /** lib/contracts/sales.ts UNKNOWN_BOOKSTORE_ID. */
  public static final String UNKNOWN_ID = "unknown";

  public String bookstoreId;
  public String name;
  public String city;
  public String state;

  public StoreRef() {}

  public StoreRef(String bookstoreId, String name, String city, String state) {
    this.bookstoreId = bookstoreId;
    this.name = name;
    this.city = city;
    this.state = state;
  }

  public static StoreRef unknown() {
    return new StoreRef(UNKNOWN_ID, "Unknown store", "unknown", "unknown");
  }
}
