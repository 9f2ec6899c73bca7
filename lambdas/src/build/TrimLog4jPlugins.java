import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;

/**
 * Rewrites the Log4j plugin cache of the shaded Lambda jars so it lists only the plugins their configuration uses.
 *
 * <p>Log4j loads every class its plugin cache names when it starts ({@code PluginRegistry.decodeCacheFiles}): with the
 * whole of log4j-core listed that is ~750 classes (rolling files, JDBC, JMS, Kafka, SMTP, scripting…) in every cold
 * start, for a configuration that uses a console appender and a JSON layout. The keep file lists what stays, one
 * {@code category key} per line ({@code category *} keeps a whole category); categories it does not name are dropped.
 * A kept key missing from a jar's cache fails the build, so a Log4j upgrade that renames a plugin cannot go unnoticed;
 * {@code ShadedJarsIT} runs the trimmed jars and fails on any Log4j status error.
 *
 * <p>Usage (run by {@code lambdas/pom.xml} after the shade executions):
 * {@code java -cp <log4j-core> TrimLog4jPlugins.java <keep file> <jar>…}
 */
public final class TrimLog4jPlugins {
    private static final String CACHE = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    private TrimLog4jPlugins() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java -cp <log4j-core> TrimLog4jPlugins.java <keep file> <jar>...");
            System.exit(2);
        }
        Map<String, Set<String>> keep = readKeepFile(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            trim(Path.of(args[i]), keep);
        }
    }

    private static Map<String, Set<String>> readKeepFile(Path file) throws IOException {
        Map<String, Set<String>> keep = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + ": expected 'category key', got: " + line);
            }
            keep.computeIfAbsent(parts[0], category -> new TreeSet<>()).add(parts[1]);
        }
        return keep;
    }

    private static void trim(Path jar, Map<String, Set<String>> keep) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path dat = zip.getPath(CACHE);
            if (!Files.exists(dat)) {
                throw new IllegalStateException(jar + " has no " + CACHE + ": is Log4j shaded with its cache transformer?");
            }
            Path copy = Files.createTempFile("Log4j2Plugins", ".dat");
            try {
                Files.copy(dat, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                PluginCache cache = new PluginCache();
                cache.loadCacheFiles(Collections.enumeration(List.<URL>of(copy.toUri().toURL())));
                int before = count(cache);
                Map<String, Map<String, PluginEntry>> categories = cache.getAllCategories();
                categories.keySet().removeIf(category -> !keep.containsKey(category));
                for (Map.Entry<String, Set<String>> kept : keep.entrySet()) {
                    Map<String, PluginEntry> plugins = categories.get(kept.getKey());
                    if (plugins == null) {
                        throw new IllegalStateException(jar + ": no Log4j plugin category " + kept.getKey());
                    }
                    if (kept.getValue().contains("*")) {
                        continue;
                    }
                    for (String key : kept.getValue()) {
                        if (!plugins.containsKey(key)) {
                            throw new IllegalStateException(jar + ": no Log4j plugin " + kept.getKey() + " " + key);
                        }
                    }
                    plugins.keySet().retainAll(kept.getValue());
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                cache.writeCache(bytes);
                Files.write(dat, bytes.toByteArray());
                System.out.println(
                        "Log4j plugin cache of " + jar.getFileName() + ": kept " + count(cache) + " of " + before);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
    }

    private static int count(PluginCache cache) {
        return cache.getAllCategories().values().stream().mapToInt(Map::size).sum();
    }
}
