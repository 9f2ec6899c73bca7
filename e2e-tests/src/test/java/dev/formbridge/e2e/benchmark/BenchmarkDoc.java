package dev.formbridge.e2e.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a section of {@code docs/benchmarks.md} as {@code infra/benchmarks}' Report does (same markers, same
 * provenance line, the same environment variables set by {@code scripts/benchmark}); this module does not depend on
 * that one, whose build makes the shaded Lambda jars. A new section goes before the hand-written "Decisions".
 */
final class BenchmarkDoc {
    private static final String COMMAND_ENV = "FORMBRIDGE_BENCH_COMMAND";
    private static final String MACHINE_ENV = "FORMBRIDGE_BENCH_MACHINE";
    private static final String DECISIONS = "\n## Decisions\n";

    private BenchmarkDoc() {}

    /** When, on what, with which command; the load average at the start and at the end. */
    static String provenance(String loadAtStart) {
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String machine = System.getenv()
                .getOrDefault(
                        MACHINE_ENV, Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        String command = System.getenv().getOrDefault(COMMAND_ENV, "(run directly, not through scripts/benchmark)");
        return "Measured " + when + " on " + machine + ", load average " + loadAtStart + " at the start and "
                + loadAverage() + " at the end (other work on the machine skews every figure; the ratios less).  \n"
                + "Command: `" + command + "`\n";
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Replaces the section {@code name} of {@code doc} with {@code markdown}, or adds it before "Decisions". */
    static void write(Path doc, String name, String markdown) {
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

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A ratio as "0.42×". */
    static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.1f×" : "%.2f×", value);
    }
}
