package dev.formbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynaliteServerTest {

    @Test
    void a_started_server_answers_on_loopback_and_close_stops_it() {
        DynaliteServer server = DynaliteServer.startInMemory();
        try (DynamoDbClient client = DynamoClients.local(server.endpoint())) {
            assertThat(server.endpoint()).startsWith("http://127.0.0.1:");
            assertThat(client.listTables().tableNames()).isEmpty();
        }
        server.close();
        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void data_in_a_folder_survives_a_restart(@TempDir Path dir) {
        try (DynaliteServer first = DynaliteServer.start(0, dir);
                DynamoDbClient client = DynamoClients.local(first.endpoint())) {
            TableBootstrap.createIfAbsent(client, TableDefinition.named("kept"));
        }
        try (DynaliteServer second = DynaliteServer.start(0, dir);
                DynamoDbClient client = DynamoClients.local(second.endpoint())) {
            assertThat(client.listTables().tableNames()).containsExactly("kept");
        }
    }

    @Test
    void dynalite_does_not_outlive_a_jvm_killed_with_sigkill() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dformbridge.tools.dir=" + DynaliteServer.toolsDir(),
                        DynaliteChild.class.getName()))
                .redirectErrorStream(true)
                .start();
        long dynalitePid;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PID="));
            assertThat(line).as("the child JVM started dynalite").isNotNull();
            dynalitePid = Long.parseLong(line.substring(4));
            assertThat(ProcessHandle.of(dynalitePid).map(ProcessHandle::isAlive))
                    .contains(true);

            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(dynalitePid).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(dynalitePid).map(ProcessHandle::isAlive).orElse(false))
                .as("dynalite exited with its JVM")
                .isFalse();
    }

    /** Runs in a child JVM: starts dynalite, says its pid, waits to be killed. */
    public static final class DynaliteChild {
        public static void main(String[] args) throws InterruptedException {
            DynaliteServer server = DynaliteServer.startInMemory();
            System.out.println("PID=" + server.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
