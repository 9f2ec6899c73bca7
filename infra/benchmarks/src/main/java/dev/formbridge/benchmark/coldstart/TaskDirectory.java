package dev.formbridge.benchmark.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's code as Lambda holds it: the deployment package extracted into a directory ({@code /var/task}), here
 * with the cold-start child's classes added. Rebuilt from the jars on every call, so nothing stale is ever loaded.
 */
final class TaskDirectory {
    private TaskDirectory() {}

    /**
     * Empties {@code directory} and extracts the jars into it in order; an entry an earlier jar already wrote is kept
     * (only the manifests meet). Refuses an entry whose name would land outside the directory.
     */
    static Path extract(Path directory, Path... jars) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        delete(root);
        Files.createDirectories(root);
        for (Path jar : jars) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    write(root, entry, zip, jar);
                }
            }
        }
        return root;
    }

    private static void write(Path root, ZipEntry entry, InputStream content, Path jar) throws IOException {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException(jar + " has an entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Files.copy(content, target);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
