package dev.formbridge.benchmark.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shaded jars of the lambdas build, one per function (the router's and connector's only measured for size). */
record Jars(Path authorizer, Path ingest, Path router, Path connector, Map<String, Long> sizes) {
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
        List<String> functions = List.of("authorizer", "ingest", "router", "connector");
        for (String function : functions) {
            if (!byClassifier.containsKey(function)) {
                throw new IllegalStateException(
                        "no lambdas-*-" + function + ".jar in " + lambdasTarget + ": build lambdas first");
            }
        }
        return new Jars(
                byClassifier.get("authorizer"),
                byClassifier.get("ingest"),
                byClassifier.get("router"),
                byClassifier.get("connector"),
                sizes);
    }

    Path forFunction(String function) {
        return switch (function) {
            case "authorizer" -> authorizer;
            case "ingest" -> ingest;
            case "router" -> router;
            case "connector" -> connector;
            default -> throw new IllegalArgumentException("no function " + function);
        };
    }
}
