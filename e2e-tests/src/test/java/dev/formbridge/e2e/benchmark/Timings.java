package dev.formbridge.e2e.benchmark;

import dev.formbridge.testutils.BenchmarkDoc;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Milliseconds of repeated runs, with the median and nearest-rank percentiles (as {@code infra/benchmarks}' Stats,
 * which this module does not depend on: with 5 runs, p90 is the slowest).
 */
record Timings(List<Double> values) {

    Timings {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        values = List.copyOf(values);
    }

    double median() {
        double[] sorted = sorted();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double p90() {
        double[] sorted = sorted();
        int rank = (int) Math.ceil(0.9 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** "median (p90)", as the tables show them. */
    String format(int decimals) {
        return BenchmarkDoc.number(median(), decimals) + " (" + BenchmarkDoc.number(p90(), decimals) + ")";
    }

    /** Each value in run order, "812 / 790 / …". */
    String joined() {
        return values.stream().map(v -> BenchmarkDoc.number(v, 0)).collect(Collectors.joining(" / "));
    }

    private double[] sorted() {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
