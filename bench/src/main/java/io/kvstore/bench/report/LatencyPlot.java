package io.kvstore.bench.report;

import io.kvstore.bench.fault.FaultWindow;
import io.kvstore.bench.workload.LatencyLog;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG of latency over time for one phase: operations are grouped into time buckets by
 * their intended start; per bucket the median and the maximum latency of successful operations
 * are drawn on a log scale (broken where no operation succeeded), failed and unknown-outcome
 * operations as marks along the top, and fault windows as shaded bands labelled with the fault and
 * its target.
 */
public final class LatencyPlot {
  static final int WIDTH = 900;
  static final int HEIGHT = 260;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 26;
  private static final int BOTTOM = 30;

  private LatencyPlot() {
  }

  public static String svg(LatencyLog log, List<FaultWindow> faults, double spanS) {
    long[] starts = log.starts();
    long[] lat = log.latencies();
    byte[] outcome = log.outcomes();
    double maxT = spanS;
    for (long s : starts) {
      maxT = Math.max(maxT, s / 1e9);
    }
    maxT = Math.max(maxT, 1);
    int buckets = Math.max(10, Math.min(360, (int) Math.ceil(maxT * 4)));
    double bucketS = maxT / buckets;
    double[][] okLat = new double[buckets][];
    int[] okN = new int[buckets];
    int[] failN = new int[buckets];
    int[] infoN = new int[buckets];
    for (int i = 0; i < starts.length; i++) {
      int b = Math.min(buckets - 1, Math.max(0, (int) (starts[i] / 1e9 / bucketS)));
      if (outcome[i] == LatencyLog.OK) {
        okN[b]++;
      }
    }
    for (int b = 0; b < buckets; b++) {
      okLat[b] = new double[okN[b]];
      okN[b] = 0;
    }
    double maxMs = 1;
    for (int i = 0; i < starts.length; i++) {
      int b = Math.min(buckets - 1, Math.max(0, (int) (starts[i] / 1e9 / bucketS)));
      double ms = lat[i] / 1e6;
      switch (outcome[i]) {
        case LatencyLog.OK -> {
          okLat[b][okN[b]++] = ms;
          maxMs = Math.max(maxMs, ms);
        }
        case LatencyLog.FAIL -> failN[b]++;
        default -> infoN[b]++;
      }
    }
    double minMs = 0.1;
    double topMs = Math.pow(10, Math.ceil(Math.log10(maxMs)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double tMax = maxT;
    java.util.function.DoubleUnaryOperator x = t -> LEFT + t / tMax * plotW;
    java.util.function.DoubleUnaryOperator y = ms -> {
      double v = Math.max(minMs, ms);
      return TOP + plotH - (Math.log10(v) - Math.log10(minMs)) / (Math.log10(topMs) - Math.log10(minMs)) * plotH;
    };
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
        + "class=\"plot\" role=\"img\">", WIDTH, HEIGHT));
    for (FaultWindow f : faults) {
      if (f.target() == null) {
        continue;
      }
      double s = Math.max(0, (f.startNs() - log.originNs()) / 1e9);
      double e = f.endNs() == 0 ? tMax : Math.min(tMax, (f.endNs() - log.originNs()) / 1e9);
      double x0 = x.applyAsDouble(s);
      double x1 = Math.max(x0 + 1, x.applyAsDouble(e));
      sb.append(String.format(Locale.ROOT, "<rect class=\"fault %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
          + "<title>%s %s %.1fs-%.1fs</title></rect>", f.kind().wireName(), x0, TOP, x1 - x0, plotH,
          f.kind().wireName(), Html.escape(f.target()), s, e));
      sb.append(String.format(Locale.ROOT, "<text class=\"flabel\" x=\"%.1f\" y=\"%d\">%s %s</text>", x0 + 2, TOP - 4,
          f.kind().wireName(), Html.escape(f.target())));
    }
    for (double d = minMs; d <= topMs * 1.0001; d *= 10) {
      double yy = y.applyAsDouble(d);
      sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", LEFT,
          WIDTH - RIGHT, yy, yy));
      sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 4, yy + 4, label(d)));
    }
    double tick = niceStep(tMax / 10);
    for (double t = 0; t <= tMax + 1e-9; t += tick) {
      double xx = x.applyAsDouble(t);
      sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ss</text>",
          xx, HEIGHT - 10, trim(t)));
    }
    sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"4\" y=\"%d\">ms</text>", TOP + 4));
    StringBuilder med = new StringBuilder();
    StringBuilder max = new StringBuilder();
    boolean gap = true;
    for (int b = 0; b < buckets; b++) {
      if (okLat[b].length == 0) {
        gap = true;
        continue;
      }
      double[] v = okLat[b];
      Arrays.sort(v);
      double xx = x.applyAsDouble((b + 0.5) * bucketS);
      String cmd = gap ? "M" : "L";
      med.append(cmd).append(String.format(Locale.ROOT, "%.1f %.1f", xx, y.applyAsDouble(v[v.length / 2])));
      max.append(cmd).append(String.format(Locale.ROOT, "%.1f %.1f", xx, y.applyAsDouble(v[v.length - 1])));
      gap = false;
    }
    sb.append("<path class=\"max\" d=\"").append(max).append("\"/>");
    sb.append("<path class=\"median\" d=\"").append(med).append("\"/>");
    for (int b = 0; b < buckets; b++) {
      double xx = x.applyAsDouble(b * bucketS);
      double w = Math.max(1, x.applyAsDouble((b + 1) * bucketS) - xx);
      if (failN[b] > 0) {
        sb.append(String.format(Locale.ROOT, "<rect class=\"failmark\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"5\">"
            + "<title>%d failed</title></rect>", xx, TOP, w, failN[b]));
      }
      if (infoN[b] > 0) {
        sb.append(String.format(Locale.ROOT, "<rect class=\"infomark\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"5\">"
            + "<title>%d unknown</title></rect>", xx, TOP + 6, w, infoN[b]));
      }
    }
    sb.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT,
        TOP, plotW, plotH));
    sb.append("</svg>");
    return sb.toString();
  }

  private static String label(double ms) {
    if (ms >= 1000) {
      return trim(ms / 1000) + "s";
    }
    return trim(ms);
  }

  private static String trim(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
