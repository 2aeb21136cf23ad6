package dev.fleetwatch.flink.anomaly;

/** What the detector needs of one {@code fleet.vehicle-state} record (validated against the whole contract first). */
public class VehicleReading {
  public String vehicleId;
  public String fleet;
  public long ts;
  /** Position and speed: the silence watch tells a frozen GPS (one position while the speed says it moves) by them. */
  public double lat;
  public double lon;
  public double speedKmh;
  public double engineTempC;
  /** Tankers only. */
  public Double containerTempC;
  public boolean ignition;
  public String plate;
  /** Tankers only. */
  public String cargo;
  public String status;

  public VehicleReading() {}
}
