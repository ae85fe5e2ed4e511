package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged generator against the packaged gateway, both as processes, as people run them. */
class ChatLoadSmokeIT {

    private static final String READY_LINE = "Parley chat is running";
    /** A 5 s run with its ramp, settle and drain takes about 15 s; a generator still running after this has hung. */
    private static final Duration GENERATOR_BOUND = Duration.ofSeconds(60);

    private static Process gateway;
    private static Path gatewayLog;
    private static int port;

    @BeforeAll
    static void startGateway(@TempDir Path dir) throws IOException, InterruptedException {
        Path jar = jar("chat.gateway.jar");
        port = freePort();
        gatewayLog = dir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(gatewayLog.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("CHAT_HOST", "127.0.0.1");
        builder.environment().put("CHAT_MANAGEMENT_PORT", "0"); // any free one: 9090 may be another gateway's
        builder.environment().put("CHAT_DATA_DIR", dir.resolve("data").toString());
        gateway = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(gatewayLog).contains(READY_LINE)) {
            if (!gateway.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not print '" + READY_LINE + "'; it printed:\n"
                        + Files.readString(gatewayLog));
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aShortChatRunDeliversEveryMessageAndWritesItsReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("chat.json");
        Path html = dir.resolve("chat.html");
        BoundedRun.Ran ran = generator("--scenario", "chat", "--url", "ws://127.0.0.1:" + port, "--users", "20",
                "--rate", "1", "--ramp", "1s", "--settle", "1s", "--duration", "5s",
                "--json", json.toString(), "--html", html.toString());

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.lines()).as("progress lines").filteredOn(line -> line.contains(" measure ")).isNotEmpty();
        assertThat(ran.output()).contains("== summary").contains("deliveries").contains("fan-out latency");
        JsonObject result = new JsonObject(Files.readString(json));
        assertThat(result.getLong("connections")).isEqualTo(20);
        assertThat(result.getLong("expected_deliveries")).isPositive();
        assertThat(result.getLong("delivered")).isEqualTo(result.getLong("expected_deliveries"));
        assertThat(result.getLong("duplicates")).isZero();
        assertThat(result.getJsonObject("latency_ms").getLong("count")).isEqualTo(result.getLong("delivered"));
        String page = Files.readString(html);
        assertThat(page).contains("<svg").doesNotContain("<script").doesNotContain("http://cdn")
                .doesNotContain("https://");
    }

    @Test
    void helpDocumentsTheOptionsAndBadOptionsExitWithTwo() throws Exception {
        BoundedRun.Ran help = generator("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--scenario", "--url", "--users", "--room-size", "--rate", "--duration",
                "--processes", "--source-addresses", "--json", "--html", "--server-pid", "Exit codes", "Examples");

        BoundedRun.Ran bad = generator("--users", "lots");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("--users").contains("--help");
    }

    /** The generator as a process of its own; a hung one fails the test within the bound, not the build forever. */
    private static BoundedRun.Ran generator(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar("chat.loadtest.jar").toString()));
        command.addAll(List.of(args));
        return BoundedRun.run(command, GENERATOR_BOUND);
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing-" + property));
        if (!Files.exists(jar)) {
            throw new AssertionError("no " + jar + " (system property " + property + "): run the tests through "
                    + "`mvn verify`, which builds the gateway and the generator jars first");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
