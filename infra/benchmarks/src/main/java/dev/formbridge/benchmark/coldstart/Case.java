package dev.formbridge.benchmark.coldstart;

import dev.formbridge.benchmark.BenchSite;
import dev.formbridge.benchmark.coldstart.ChildJvm.Sample;
import dev.formbridge.benchmark.coldstart.child.FirstDelivery;
import dev.formbridge.benchmark.coldstart.child.FirstInvocation;
import dev.formbridge.benchmark.coldstart.child.Hello;
import dev.formbridge.benchmark.coldstart.child.TaskLoader;
import dev.formbridge.secret.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row: a function (or the bare hello world) from one jar under one flag set, its classes either on the JVM's class
 * path or, as Lambda loads them, in an extracted task directory behind their own class loader ({@link TaskLoader}).
 */
final class Case {
    final String function;
    final String jarName;
    final String classpath;
    final FlagSet flagSet;
    /** The extracted function and child classes; null when they are on the class path. */
    private final Path taskDirectory;

    private final Path archive;
    private int webhookIds;

    Case(String function, String jarName, String classpath, FlagSet flagSet, Path work) {
        this(function, jarName, classpath, flagSet, work, null);
    }

    private Case(String function, String jarName, String classpath, FlagSet flagSet, Path work, Path taskDirectory) {
        this.function = function;
        this.jarName = jarName;
        this.classpath = classpath;
        this.flagSet = flagSet;
        this.taskDirectory = taskDirectory;
        String base = function + "-" + jarName.replace(".jar", "") + (taskDirectory == null ? "" : "-task");
        this.archive = switch (flagSet) {
            case APPCDS -> work.resolve(base + ".jsa").toAbsolutePath();
            case AOT_CACHE -> work.resolve(base + ".aot").toAbsolutePath();
            default -> null;
        };
    }

    /**
     * The function loaded as Lambda loads it: the JVM's class path is only the child jar (for {@link TaskLoader}), and
     * {@code taskDirectory} holds the function jar and the child classes, extracted ({@link TaskDirectory}).
     */
    static Case asLambdaLoads(
            String function, String jarName, Path childJar, Path taskDirectory, FlagSet flagSet, Path work) {
        return new Case(function, jarName, childJar.toString(), flagSet, work, taskDirectory);
    }

    /** Where the function's classes come from, for the report. */
    String loading() {
        return taskDirectory == null ? "class path" : "task directory";
    }

    List<String> flags() {
        List<String> flags = new ArrayList<>(flagSet.flags);
        switch (flagSet) {
            case APPCDS -> flags.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive"));
            case AOT_CACHE -> flags.add("-XX:AOTCache=" + archive);
            default -> {}
        }
        return flags;
    }

    /** Creates this case's archive from one real invocation (not measured). */
    void train(Map<String, String> env, BenchSite site) throws IOException {
        if (archive == null) {
            return;
        }
        Files.deleteIfExists(archive);
        List<String> flags = new ArrayList<>(flagSet.flags);
        if (flagSet == FlagSet.AOT_CACHE) {
            flags.add("-XX:AOTCacheOutput=" + archive);
        } else {
            flags.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive"));
        }
        ChildJvm.run(flags, classpath, mainClass(), arguments(), env(env, site));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("training did not create " + archive);
        }
    }

    Sample runOnce(Map<String, String> env, BenchSite site) {
        if (function.equals("hello")) {
            return ChildJvm.run(flags(), classpath, Hello.class.getName(), List.of(), env);
        }
        return ChildJvm.run(flags(), classpath, mainClass(), arguments(), env(env, site));
    }

    private String mainClass() {
        return taskDirectory == null ? child() : TaskLoader.class.getName();
    }

    private List<String> arguments() {
        return taskDirectory == null ? List.of(function) : List.of(taskDirectory.toString(), child(), function);
    }

    /** The child's main class: the asynchronous functions have their own, so the others never meet their events. */
    private String child() {
        return function.equals("router") || function.equals("connector")
                ? FirstDelivery.class.getName()
                : FirstInvocation.class.getName();
    }

    /** Ingest gets a new webhook-id per run (a repeat would take the duplicate path), signed now. */
    private Map<String, String> env(Map<String, String> base, BenchSite site) {
        if (!function.equals("ingest")) {
            return base;
        }
        Map<String, String> env = new HashMap<>(base);
        String id = "msg_coldstart_" + ProcessHandle.current().pid() + "_" + function + "_" + jarName + "_" + flagSet
                + "_" + loading().replace(' ', '-') + "_" + (++webhookIds);
        long timestamp = Instant.now().getEpochSecond();
        byte[] body = EventBus.sampleBody().getBytes(StandardCharsets.UTF_8);
        env.put("BENCH_BODY", EventBus.sampleBody());
        env.put("BENCH_WEBHOOK_ID", id);
        env.put("BENCH_TIMESTAMP", Long.toString(timestamp));
        env.put(
                "BENCH_SIGNATURE",
                base.containsKey(EventBus.BAD_SIGNATURE_ENV)
                        ? "v1,bm90IGEgc2lnbmF0dXJlIG9mIHRoaXMgYm9keQ=="
                        : WebhookSignature.sign(site.secret(), id, timestamp, body));
        return env;
    }

    void check(Sample sample, String expectedIngest) {
        String expected = switch (function) {
            case "authorizer" -> "authorized=true";
            case "ingest" -> expectedIngest;
            case "router" -> "queued=1";
            case "connector" -> "failures=0";
            default -> "hello";
        };
        if (!expected.equals(sample.answer())) {
            throw new IllegalStateException(
                    function + " from " + jarName + " answered " + sample.answer() + ", expected " + expected);
        }
    }
}
