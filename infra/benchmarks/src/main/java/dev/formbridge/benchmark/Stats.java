package dev.formbridge.benchmark;

import java.util.Arrays;

/** Order statistics of a sample (nearest-rank percentiles: with 10 runs, p90 is the 9th fastest). */
public record Stats(int count, double median, double p90, double min, double max) {

    public static Stats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, median(sorted), percentile(sorted, 90), sorted[0], sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of an ascending array. */
    public static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The nearest-rank percentile of an ascending array of longs. */
    public static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
