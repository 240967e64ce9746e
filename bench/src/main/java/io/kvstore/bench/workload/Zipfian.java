package io.kvstore.bench.workload;

import java.util.SplittableRandom;

/**
 * Zipf-distributed integers in [0, n) with YCSB's default skew (0.99), by Gray et al.'s
 * "Quickly generating billion-record synthetic databases" method, as YCSB's
 * ZipfianGenerator does: a few keys are hot, most are cold.
 */
public final class Zipfian {
  public static final double YCSB_THETA = 0.99;

  private final long n;
  private final double theta;
  private final double alpha;
  private final double zetan;
  private final double eta;

  public Zipfian(long n, double theta) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive");
    }
    this.n = n;
    this.theta = theta;
    this.alpha = 1.0 / (1.0 - theta);
    this.zetan = zeta(n, theta);
    double zeta2 = zeta(2, theta);
    this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
  }

  static double zeta(long n, double theta) {
    double sum = 0;
    for (long i = 1; i <= n; i++) {
      sum += 1 / Math.pow(i, theta);
    }
    return sum;
  }

  public long next(SplittableRandom rng) {
    double u = rng.nextDouble();
    double uz = u * zetan;
    if (uz < 1.0) {
      return 0;
    }
    if (uz < 1.0 + Math.pow(0.5, theta)) {
      return Math.min(1, n - 1);
    }
    long v = (long) (n * Math.pow(eta * u - eta + 1, alpha));
    return Math.min(Math.max(v, 0), n - 1);
  }
}
