package dev.formbridge.benchmark.coldstart;

import static dev.formbridge.testutils.BenchmarkDoc.number;
import static dev.formbridge.testutils.BenchmarkDoc.ratio;
import static dev.formbridge.testutils.BenchmarkDoc.verdict;

import dev.formbridge.benchmark.Stats;
import dev.formbridge.benchmark.coldstart.ChildJvm.Sample;
import dev.formbridge.testutils.BenchmarkDoc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The cold-start section of docs/benchmarks.md: method, one row per case, the jar sizes. */
final class ColdStartReport {
    private static final Map<String, Double> TARGET_RATIO = Map.of("authorizer", 14.0, "ingest", 21.0);
    private static final double TARGET_JAR_MB = 12.0;

    private ColdStartReport() {}

    static String format(Map<Case, List<Sample>> samples, Jars jars, EventBus bus, int runs) {
        Map<FlagSet, Sample> bare = new HashMap<>();
        samples.forEach((c, list) -> {
            if (c.function.equals("hello")) {
                bare.put(c.flagSet, medians(list));
            }
        });
        StringBuilder md = new StringBuilder("## 2. Simulated cold start (fresh JVM → handler → first answer)\n\n")
                .append(BenchmarkDoc.provenance());
        md.append(
                        "\nEach run is a fresh `java <flags> -cp <shaded jar>:benchmarks-coldstart.jar` that builds the real ")
                .append(
                        "handler with its public no-arg constructor from a Lambda-like environment (dynalite endpoint, ")
                .append("table, local key file, region, credentials, `POWERTOOLS_SERVICE_NAME`, ")
                .append("`AWS_EMF_ENVIRONMENT=Lambda`, event bus), answers one event and exits. The authorizer gets a ")
                .append("payload-2.0 event with a real site key. ")
                .append(bus.description())
                .append(" ")
                .append(runs)
                .append(" runs per row, all rows interleaved in shuffled order after one discarded round; median and ")
                .append("p90 (nearest rank).\n\n")
                .append("- *spawn→answer*: this process's clock from starting `java` to reading the answer line, as a ")
                .append("Lambda cold start counts it (launcher and JVM boot included). The targets are judged on it.\n")
                .append("- *JVM clock*: the child's own time from `RuntimeMXBean.getStartTime()` to the answer; it ")
                .append("misses the launcher and early VM boot, so a bare JVM reads only a few ms and ratios to it ")
                .append("exaggerate.\n")
                .append(
                        "- *× bare*: median ÷ the median of a bare-JVM hello world with the same flags in the same run ")
                .append("(the deploy-flag hello world for the archive rows).\n")
                .append("- *split*: JVM start→`main` / handler constructor / first call, medians, JVM clock.\n")
                .append("- Flags: **defaults** = none (G1, C1+C2); **deploy** = `")
                .append(String.join(" ", ColdStartRun.DEPLOY_FLAGS))
                .append("`; **+AppCDS** = deploy + `-XX:SharedArchiveFile=<jar>.jsa -XX:+AutoCreateSharedArchive`; ")
                .append("**+AOT cache** = deploy without `-Xshare:auto` (refused with it) + `-XX:AOTCache=<jar>.aot`. ")
                .append("Archives are trained before measuring with one invocation of the same function.\n")
                .append("- *loaded from*: **class path** = the shaded jar on the JVM's class path, as above; **task ")
                .append(
                        "directory** = as the Lambda Java runtime loads a function: the jar extracted into a directory ")
                .append("(Lambda's `/var/task`) and loaded by a `URLClassLoader` of its own (the runtime client's ")
                .append("`CustomerClassLoader`) made the thread's context loader, the JVM's class path holding only ")
                .append("the launcher (`TaskLoader`). Checked with `-Xlog:class+load`: the AOT cache then still ")
                .append("serves the task loader's classes, but the classes of their lambdas are spun at start again, ")
                .append("as without a cache.\n")
                .append(
                        "- Targets (from the issue): authorizer ≤ 14× bare JVM (≈ 300 ms), ingest ≤ 21× (≈ 450 ms).\n\n");
        md.append("| function | jar | loaded from | flags | spawn→answer ms (p90) | × bare | JVM clock ms (p90) ")
                .append("| × bare | split ms | target |\n|---|---|---|---|---:|---:|---:|---:|---|---|\n");
        samples.forEach((c, list) -> {
            Stats wall = Stats.of(column(list, Sample::wall));
            Stats total = Stats.of(column(list, Sample::total));
            Sample base = bare.getOrDefault(c.flagSet, bare.get(FlagSet.DEPLOY));
            Sample median = medians(list);
            double times = wall.median() / base.wall();
            Double target = TARGET_RATIO.get(c.function);
            md.append("| ")
                    .append(c.function.equals("hello") ? "bare JVM (hello world)" : c.function)
                    .append(" | ")
                    .append(c.jarName)
                    .append(" | ")
                    .append(c.function.equals("hello") ? "–" : c.loading())
                    .append(" | ")
                    .append(c.flagSet.label)
                    .append(" | ")
                    .append(number(wall.median(), 0))
                    .append(" (")
                    .append(number(wall.p90(), 0))
                    .append(") | ")
                    .append(ratio(times))
                    .append(" | ")
                    .append(number(total.median(), 0))
                    .append(" (")
                    .append(number(total.p90(), 0))
                    .append(") | ")
                    .append(ratio(total.median() / base.total()))
                    .append(" | ")
                    .append(number(median.main(), 0))
                    .append(" / ")
                    .append(number(median.init(), 0))
                    .append(" / ")
                    .append(number(median.invoke(), 0))
                    .append(" | ")
                    .append(target == null ? "" : "≤ " + number(target, 0) + "×: " + verdict(times <= target))
                    .append(" |\n");
        });
        md.append("\n| shaded jar | size MB | target ≤ 12 MB |\n|---|---:|---|\n");
        jars.sizes().forEach((name, bytes) -> {
            double mb = bytes / 1e6;
            md.append("| ")
                    .append(name)
                    .append(" | ")
                    .append(number(mb, 1))
                    .append(" | ")
                    .append(verdict(mb <= TARGET_JAR_MB))
                    .append(" |\n");
        });
        return md.toString();
    }

    /** Field by field medians of a row's samples. */
    private static Sample medians(List<Sample> list) {
        return new Sample(
                Stats.of(column(list, Sample::total)).median(),
                Stats.of(column(list, Sample::wall)).median(),
                Stats.of(column(list, Sample::main)).median(),
                Stats.of(column(list, Sample::init)).median(),
                Stats.of(column(list, Sample::invoke)).median(),
                "",
                List.of());
    }

    private static double[] column(List<Sample> samples, ToDoubleFunction<Sample> field) {
        return samples.stream().mapToDouble(field).toArray();
    }
}
