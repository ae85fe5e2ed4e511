package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jar the README tells people to run: it starts, says where to go, keeps the tutorial contract, stops cleanly. */
class PackagedJarIT {

    private Path log;
    private Process process;
    private int port;

    @BeforeEach
    void startJar() throws Exception {
        Path jar = Path.of(System.getProperty("chat.gateway.jar", "target/chat-gateway.jar"));
        assertThat(jar).as("the packaged gateway (run through `mvn verify`)").exists();
        port = freePort();
        Path workDir = Files.createTempDirectory("parley-jar-test");
        log = workDir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("CHAT_HOST", "127.0.0.1");
        builder.environment().remove("CHAT_REDIS_URL");
        builder.environment().remove("CHAT_DATABASE_URL");
        process = builder.start();
        awaitOutput("Parley chat is running");
    }

    @AfterEach
    void stopJar() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsWithOneLineSayingWhereToGoAndWhatItUses() {
        String line = output().stream().filter(l -> l.contains("Parley chat is running")).findFirst().orElseThrow();
        assertThat(line).contains("http://127.0.0.1:" + port + "/").contains("in-memory").contains("store:");
    }

    @Test
    void keepsTheTutorialContract() {
        TutorialContract.check(port, "jar-tutorial");
    }

    @Test
    void stopsCleanlyOnSigtermClosingConnectionsWith1001() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/jar-stop/"));

        process.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook

        assertThat(client.receiveClose().code()).isEqualTo(1001);
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s").isTrue();
        awaitOutput("Stopped");
    }

    private List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e + ")");
        }
    }

    private void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean exitedAlready = false;
        while (output().stream().noneMatch(l -> l.contains(text))) {
            if (exitedAlready || System.nanoTime() > deadline) {
                throw new AssertionError("the jar did not print '" + text + "'; it printed:\n" + String.join("\n", output()));
            }
            if (!process.isAlive()) {
                exitedAlready = true;
            }
            Thread.sleep(20);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
