package dev.formbridge.benchmark.coldstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts one fresh JVM, waits for its {@code COLDSTART} line and parses it. */
final class ChildJvm {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private ChildJvm() {}

    /**
     * One run: {@code total} is JVM start → answer as the child's own clock says; {@code wall} is this process's
     * spawn → answer line (it adds fork/exec and the launcher); {@code output} is what the child printed (stdout and
     * stderr, the first {@value #KEPT_LINES} lines).
     */
    record Sample(
            double total, double wall, double main, double init, double invoke, String answer, List<String> output) {
        Sample withOutput(List<String> lines) {
            return new Sample(total, wall, main, init, invoke, answer, List.copyOf(lines));
        }
    }

    private static final int KEPT_LINES = 500;

    static Sample run(
            List<String> flags, String classpath, String mainClass, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Deque<String> tail = new ArrayDeque<>();
        List<String> output = new ArrayList<>();
        try {
            long spawned = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            Sample sample = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (sample == null && line.startsWith("COLDSTART ")) {
                        sample = parse(line, (System.nanoTime() - spawned) / 1e6);
                    }
                    if (line.contains("][cds") || line.contains("][aot")) {
                        continue; // archive dumps list thousands of skipped classes
                    }
                    if (output.size() < KEPT_LINES) {
                        output.add(line);
                    }
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (sample == null) {
                throw new IllegalStateException(
                        "no COLDSTART line from " + command + "; its output ended with:\n" + String.join("\n", tail));
            }
            return sample.withOutput(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Sample parse(String line, double wall) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.substring("COLDSTART ".length()).split(" ")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Sample(
                Double.parseDouble(fields.get("total")),
                wall,
                Double.parseDouble(fields.get("main")),
                Double.parseDouble(fields.get("init")),
                Double.parseDouble(fields.get("invoke")),
                fields.get("answer"),
                List.of());
    }
}
