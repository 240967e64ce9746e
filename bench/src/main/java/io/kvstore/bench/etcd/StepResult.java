package io.kvstore.bench.etcd;

import java.util.Locale;

/**
 * One measured step: a system, an operation ({@code write} or {@code read}) at a number of
 * concurrent clients; the operations completed inside the measured window, its length, the
 * failed operations, and the latency percentiles in microseconds. Saved as one tab-separated
 * line so the runs of both systems (separate processes) can be tabulated together.
 */
public record StepResult(String system, String op, int clients, double seconds, long ops, long errors,
    long p50Micros, long p99Micros) {

  /** Completed operations per second. */
  public double perSecond() {
    return seconds <= 0 ? 0 : ops / seconds;
  }

  public String toLine() {
    return String.join("\t", system, op, Integer.toString(clients), String.format(Locale.ROOT, "%.3f", seconds),
        Long.toString(ops), Long.toString(errors), Long.toString(p50Micros), Long.toString(p99Micros));
  }

  public static StepResult parse(String line) {
    String[] f = line.split("\t");
    if (f.length != 8) throw new IllegalArgumentException("not a step result line: " + line);
    return new StepResult(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
  }
}
