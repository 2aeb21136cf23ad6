package dev.fleetwatch.flink.anomaly;

/** A normal band: readings between min and max are normal. */
public class Band {
  public double min;
  public double max;
  public double mean;

  public Band() {}

  Band(double min, double max, double mean) {
    this.min = min;
    this.max = max;
    this.mean = mean;
  }

  /** How a reading sits against the band: beyond it, in the hysteresis margin at its edge, or well inside. */
  enum Position { OUTSIDE, EDGE, INSIDE }

  Position positionOf(double value, MetricRule rule) {
    double above = value - max;
    double below = rule.bothSides ? min - value : Double.NEGATIVE_INFINITY;
    double beyond = Math.max(above, below);
    if (beyond > 0) return Position.OUTSIDE;
    return beyond > -rule.hysteresis ? Position.EDGE : Position.INSIDE;
  }

  /** How far past the band a reading is, in half-widths of the band (0 inside). */
  double excessRatio(double value, MetricRule rule) {
    double half = Math.max(rule.minHalfWidth, (max - min) / 2);
    double beyond = Math.max(Math.max(value - max, rule.bothSides ? min - value : 0), 0);
    return beyond / half;
  }
}
