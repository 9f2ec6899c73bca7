package dev.formbridge.benchmark.coldstart;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.LocalStore;
import dev.formbridge.benchmark.Options;
import dev.formbridge.benchmark.coldstart.ChildJvm.Sample;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated Lambda cold starts: fresh JVMs that build the real handler and answer one event, interleaved with a
 * bare-JVM hello world under the same flags, several flag sets and jars side by side, all in one run.
 */
public final class ColdStartRun {
    /** What we deploy (via JAVA_TOOL_OPTIONS) where SnapStart is off. */
    static final List<String> DEPLOY_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private ColdStartRun() {}

    public static String run(Options options) throws IOException {
        int runs = options.number("runs", 10);
        Path lambdas = options.path("lambdas", Path.of("lambdas/target"));
        Path work = options.path("work", Path.of("infra/benchmarks/target/coldstart"));
        Path childJar = options.path("child-jar", Path.of("infra/benchmarks/target/benchmarks-coldstart.jar"));
        Files.createDirectories(work);
        Path child = copy(childJar, work);
        Jars jars = Jars.find(lambdas, work);

        try (LocalStore store = LocalStore.start(work);
                EventBus bus = EventBus.start()) {
            BenchSite site = store.createSite("coldstart");
            Map<String, String> env = environment(store, site, bus);
            if (options.text("hold", null) != null) {
                Map<String, String> held = new HashMap<>(env);
                held.put(
                        "BENCH_SECRET",
                        site.secret().reveal()); // to sign ingest's event by hand; never in a child's env
                return hold(held, work);
            }
            List<Case> cases = cases(jars, child, work);
            System.err.println("cold start: training AppCDS / AOT archives");
            for (Case c : cases) {
                c.train(env, site);
            }
            Map<Case, List<Sample>> samples = new LinkedHashMap<>();
            cases.forEach(c -> samples.put(c, new ArrayList<>()));
            Random random = new Random(42);
            for (int round = 0; round <= runs; round++) {
                System.err.println("cold start: round " + round + " of " + runs + (round == 0 ? " (discarded)" : ""));
                List<Case> order = new ArrayList<>(cases);
                Collections.shuffle(order, random);
                for (Case c : order) {
                    Sample sample = c.runOnce(env, site);
                    c.check(sample, bus.expectedIngestAnswer());
                    if (round > 0) {
                        samples.get(c).add(sample);
                    }
                }
            }
            return ColdStartReport.format(samples, jars, bus, runs);
        }
    }

    /**
     * {@code --hold true}: writes the children's environment to {@code <work>/env.sh} and waits for a line on stdin, so
     * one cold start can be profiled by hand ({@code set -a; . env.sh; java -Xlog:class+load … FirstInvocation ingest}).
     */
    private static String hold(Map<String, String> env, Path work) throws IOException {
        StringBuilder script = new StringBuilder();
        env.forEach((name, value) -> script.append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
        Path file = work.resolve("env.sh");
        Files.writeString(file, script);
        System.err.println("cold start: environment in " + file.toAbsolutePath() + "; press Enter to stop");
        new java.util.Scanner(System.in).nextLine();
        return "";
    }

    /** The environment the CDK app will give the functions, pointed at the local stores. */
    static Map<String, String> environment(LocalStore store, BenchSite site, EventBus bus) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("FORMBRIDGE_DYNAMODB_ENDPOINT", store.endpoint());
        env.put("FORMBRIDGE_TABLE", store.tableName());
        env.put("FORMBRIDGE_LOCAL_KEY_FILE", store.keyFile().toAbsolutePath().toString());
        env.put("FORMBRIDGE_EVENT_BUS", EventBus.BUS);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("POWERTOOLS_SERVICE_NAME", "formbridge-coldstart");
        env.put("AWS_EMF_ENVIRONMENT", "Lambda");
        env.put("BENCH_SITE_KEY", site.siteKey());
        env.put("BENCH_TENANT_ID", site.tenantId());
        env.put("BENCH_SITE_ID", site.siteId());
        env.putAll(bus.environment());
        return env;
    }

    /**
     * Every flag set with the function's jar on the class path; and the deploy flags and the AOT cache with the
     * function loaded as Lambda loads it (an extracted task directory behind its own class loader), where an archive
     * cannot give its classes all it gives class-path classes.
     */
    private static List<Case> cases(Jars jars, Path child, Path work) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (FlagSet flags : List.of(FlagSet.DEFAULTS, FlagSet.DEPLOY)) {
            cases.add(new Case("hello", "–", child.toString(), flags, work));
        }
        for (String function : List.of("authorizer", "ingest")) {
            Path jar = jars.forFunction(function);
            String name = jar.getFileName().toString();
            for (FlagSet flags : FlagSet.values()) {
                cases.add(new Case(function, name, jar + File.pathSeparator + child, flags, work));
            }
            Path task = TaskDirectory.extract(work.resolve(function + "-task"), jar, child);
            for (FlagSet flags : List.of(FlagSet.DEPLOY, FlagSet.AOT_CACHE)) {
                cases.add(Case.asLambdaLoads(function, name, child, task, flags, work));
            }
        }
        return cases;
    }

    /** A private copy: another build replacing lambdas/target mid-run (or an archive's jar check) cannot bite. */
    static Path copy(Path jar, Path work) throws IOException {
        Path target = work.resolve(jar.getFileName());
        if (!Files.exists(target) || Files.mismatch(jar, target) != -1) {
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return target.toAbsolutePath();
    }
}
