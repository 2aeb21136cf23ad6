package dev.fleetwatch.flink.anomaly;

/**
 * One vehicle's normal readings of one metric: an exponentially weighted mean and variance,
 * trusted only after the warm-up's number of readings. Until then the band is the fixed limits alone.
 */
public class NormalModel {
  /** Weight of a new reading in the running mean and variance: about the last 40 readings count. */
  private static final double ALPHA = 0.05;
  /** The band is this many standard deviations wide on each side. */
  private static final double K = 4;

  public double mean;
  public double variance;
  public int samples;

  public NormalModel() {}

  /** A model that already trusts {@code level} as its mean: the level readings held steadily for the settle time. */
  static NormalModel settledAt(double level, int warmupSamples) {
    NormalModel model = new NormalModel();
    model.mean = level;
    model.samples = warmupSamples;
    return model;
  }

  void learn(double value) {
    if (samples == 0) mean = value;
    double delta = value - mean;
    mean += ALPHA * delta;
    variance = (1 - ALPHA) * (variance + ALPHA * delta * delta);
    samples += 1;
  }

  Band band(MetricRule rule, int warmupSamples) {
    // Untrained, a reading is judged against the fixed limits: the always-normal line where there is one, else safety.
    if (samples < warmupSamples) {
      double top = Math.min(rule.alwaysNormalBelow == null ? rule.safetyMax : rule.alwaysNormalBelow, rule.safetyMax);
      return new Band(rule.safetyMin, top, samples > 0 ? mean : (rule.safetyMin + rule.safetyMax) / 2);
    }
    double half = Math.max(rule.minHalfWidth, K * Math.sqrt(variance));
    double max = Math.min(rule.safetyMax, mean + half);
    if (rule.alwaysNormalBelow != null) max = Math.max(max, Math.min(rule.alwaysNormalBelow, rule.safetyMax));
    double min = rule.bothSides ? Math.max(rule.safetyMin, mean - half) : mean - half;
    return new Band(min, max, mean);
  }
}
