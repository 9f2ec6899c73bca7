package dev.formbridge.benchmark.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shaded jars under test: per function when the build makes them, else the shared one for both. */
record Jars(Path authorizer, Path ingest, Path shared, Map<String, Long> sizes) {
    static Jars find(Path lambdasTarget, Path work) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, Path> byClassifier = new HashMap<>();
        try (Stream<Path> files = Files.list(lambdasTarget)) {
            for (Path jar : files.sorted().toList()) {
                String name = jar.getFileName().toString();
                String classifier = name.substring(name.lastIndexOf('-') + 1, name.length() - 4);
                if (name.startsWith("lambdas-")
                        && name.endsWith(".jar")
                        && classifier.matches("[a-z]+")
                        && !List.of("tests", "sources", "javadoc").contains(classifier)) {
                    byClassifier.put(classifier, ColdStartRun.copy(jar, work));
                    sizes.put(name, Files.size(jar));
                }
            }
        }
        Path shared = byClassifier.get("aws");
        Path authorizer = byClassifier.getOrDefault("authorizer", shared);
        Path ingest = byClassifier.getOrDefault("ingest", shared);
        if (authorizer == null || ingest == null) {
            throw new IllegalStateException("no shaded Lambda jar in " + lambdasTarget + ": build lambdas first");
        }
        return new Jars(authorizer, ingest, shared, sizes);
    }

    Path forFunction(String function) {
        return function.equals("authorizer") ? authorizer : ingest;
    }
}
