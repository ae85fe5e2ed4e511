package dev.parley.gateway;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged gateway jar running as a process of its own, as people run it; its output goes to a log file. */
public final class GatewayProcess implements AutoCloseable {

    private static final String READY_LINE = "Parley chat is running";

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private GatewayProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code java -jar chat-gateway.jar} on a free port, its operations endpoints on another, with these extra
     * settings; waits until it is up.
     */
    public static GatewayProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        Path jar = jar();
        int port = freePort();
        int managementPort = freePort();
        Path workDir = Files.createTempDirectory("parley-gateway");
        Path log = workDir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("CHAT_HOST", "127.0.0.1");
        builder.environment().put("CHAT_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().putAll(settings);
        GatewayProcess gateway = new GatewayProcess(builder.start(), log, port, managementPort);
        try {
            gateway.awaitOutput(READY_LINE);
        } catch (AssertionError | InterruptedException e) {
            gateway.close(); // a gateway that did not come up must not outlive the test
            throw e;
        }
        return gateway;
    }

    public int port() {
        return port;
    }

    /** The port of {@code /metrics}, {@code /healthz} and {@code /readyz}. */
    public int managementPort() {
        return managementPort;
    }

    /** What the management port answers at this path ({@code /metrics}, {@code /readyz}); fails if it does not. */
    public String management(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The gateway's live heap: bytes in use after a full collection, through the JDK's {@code jcmd} ({@code GC.run},
     * then {@code GC.heap_info}, whose G1 line reads "garbage-first heap total …K, used …K").
     */
    public long liveHeapBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K")
                .matcher(info);
        if (!used.find()) {
            throw new AssertionError("jcmd GC.heap_info said no heap use:\n" + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(30, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new AssertionError("jcmd " + command + " failed:\n" + output);
        }
        return output;
    }

    /** Every line the gateway printed so far. */
    public List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e + ")");
        }
    }

    /** Waits up to 30 s for a line containing the text; fails with everything printed if it does not come. */
    public void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean exitedAlready = false;
        while (output().stream().noneMatch(line -> line.contains(text))) {
            if (exitedAlready || System.nanoTime() > deadline) {
                throw new AssertionError("the gateway did not print '" + text + "'; it printed:\n"
                        + String.join("\n", output()));
            }
            exitedAlready = !process.isAlive();
            Thread.sleep(20);
        }
    }

    /** SIGTERM, as Ctrl-C's SIGINT: the gateway closes its connections and exits. */
    public void terminate() {
        process.destroy();
    }

    /** The status {@code /readyz} answers, or -1 if the gateway does not answer at all. */
    public int readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/readyz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What {@code /readyz} says ({@code status}, {@code channel_layer}, {@code store}); empty if it does not answer. */
    public JsonObject readinessBody() {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new JsonObject(body);
        } catch (IOException e) {
            return new JsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JsonObject();
        }
    }

    /** SIGKILL: the gateway dies without closing anything, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public boolean waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code java -jar chat-gateway.jar} with these arguments and settings as a command that ends (such as
     * {@code --check-health}); returns its exit status and everything it printed.
     */
    static Ran run(Map<String, String> settings, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(arguments));
        // Output to a file, not a pipe read to its end: reading a pipe would wait for ever on a command that hangs.
        Path output = Files.createTempFile("parley-gateway-run", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
            builder.environment().putAll(settings);
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("java -jar " + String.join(" ", arguments) + " did not end within 30 s and was "
                        + "destroyed; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** What a command printed, and its exit status. */
    record Ran(int exitStatus, String output) {
    }

    /** The packaged gateway jar that `mvn verify` built; fails, saying so, when it is not there. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("chat.gateway.jar", "target/chat-gateway.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new AssertionError("no " + jar + ": run the tests through `mvn verify`, which packages it first");
        }
        return jar;
    }

    /** A port nothing listens on at the moment of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
