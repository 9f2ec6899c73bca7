package dev.formbridge.testutils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes one benchmark's section of {@code docs/benchmarks.md}, for {@code infra/benchmarks} and the portal benchmarks
 * in {@code e2e-tests} alike: the text between the section's begin and end markers is replaced, everything else (the
 * other sections, the hand-written "Decisions") is kept as it is; a new section goes before "Decisions".
 */
public final class BenchmarkDoc {
    /** The command line that ran the benchmark, as the script was called (set by scripts/benchmark). */
    public static final String COMMAND_ENV = "FORMBRIDGE_BENCH_COMMAND";
    /** Cores, memory and {@code java -version} of this machine (set by scripts/benchmark). */
    public static final String MACHINE_ENV = "FORMBRIDGE_BENCH_MACHINE";

    private static final String DECISIONS = "\n## Decisions\n";

    private BenchmarkDoc() {}

    /** The line under a section's title: when, on what, with which command, and the load average at the end. */
    public static String provenance() {
        return provenance(null);
    }

    /** The same with the load average at the start too ({@code null} for none). */
    public static String provenance(String loadAtStart) {
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String machine = System.getenv()
                .getOrDefault(
                        MACHINE_ENV, Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        String command = System.getenv().getOrDefault(COMMAND_ENV, "(run directly, not through scripts/benchmark)");
        String load = loadAtStart == null
                ? loadAverage() + " at the end"
                : loadAtStart + " at the start and " + loadAverage() + " at the end";
        return "Measured " + when + " on " + machine + ", load average " + load
                + " (other work on the machine skews every figure; the ratios less).  \nCommand: `" + command + "`\n";
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Replaces the section {@code name} of {@code doc} with {@code markdown}, or adds it before "Decisions". */
    public static void write(Path doc, String name, String markdown) {
        String begin = "<!-- benchmark:" + name + ":begin -->";
        String end = "<!-- benchmark:" + name + ":end -->";
        String block = begin + "\n" + markdown.strip() + "\n" + end;
        try {
            String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            int decisions = text.indexOf(DECISIONS);
            String updated;
            if (from >= 0 && to > from) {
                updated = text.substring(0, from) + block + text.substring(to + end.length());
            } else if (decisions >= 0) {
                updated = text.substring(0, decisions) + "\n" + block + "\n" + text.substring(decisions);
            } else {
                updated = text.stripTrailing() + "\n\n" + block + "\n";
            }
            Files.writeString(doc, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + doc, e);
        }
    }

    /** A number with thousands separators, or "–" for none (NaN). */
    public static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A ratio as "0.42×". */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.1f×" : "%.2f×", value);
    }

    /** "met" or "**missed**" against a target. */
    public static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
