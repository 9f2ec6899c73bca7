package dev.formbridge.benchmark.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDirectoryTest {
    @TempDir
    Path work;

    @Test
    void extracts_both_jars_and_the_first_one_wins_where_they_meet() throws IOException {
        Path function = jar("function.jar", "META-INF/MANIFEST.MF", "function", "a/Handler.class", "handler");
        Path child = jar("child.jar", "META-INF/MANIFEST.MF", "child", "b/Child.class", "child class");

        Path task = TaskDirectory.extract(work.resolve("task"), function, child);

        assertThat(task.resolve("a/Handler.class")).hasContent("handler");
        assertThat(task.resolve("b/Child.class")).hasContent("child class");
        assertThat(task.resolve("META-INF/MANIFEST.MF")).hasContent("function");
    }

    @Test
    void a_second_extraction_leaves_nothing_of_the_first() throws IOException {
        Path task = work.resolve("task");
        TaskDirectory.extract(task, jar("old.jar", "gone/Old.class", "old"));

        TaskDirectory.extract(task, jar("new.jar", "kept/New.class", "new"));

        assertThat(task.resolve("gone")).doesNotExist();
        assertThat(task.resolve("kept/New.class")).hasContent("new");
    }

    @Test
    void an_entry_that_would_land_outside_the_directory_is_refused() throws IOException {
        Path evil = jar("evil.jar", "../outside.txt", "escaped");

        assertThatThrownBy(() -> TaskDirectory.extract(work.resolve("task"), evil))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside its directory: ../outside.txt");
        assertThat(work.resolve("outside.txt")).doesNotExist();
    }

    /** A jar of name/content pairs. */
    private Path jar(String name, String... entries) throws IOException {
        Path jar = work.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
