package dev.parley.gateway.deploy;

import dev.parley.gateway.GatewayProcess;
import dev.parley.layer.testing.MissingService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The compose file's load balancer as a process: Debian's nginx running nginx/parley.conf (the same server block
 * as in docker-compose.yml) through nginx/processes/nginx.conf.template, with an upstream of gateway processes on
 * this machine. Everything it writes stays in a directory of its own; it listens on 127.0.0.1 on a free port.
 */
public final class NginxProcess implements AutoCloseable {

    static final String TEMPLATE = "nginx/processes/nginx.conf.template";
    static final String SHARED_SERVER_BLOCK = "nginx/parley.conf";
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));
    private static final long START_BOUND_MILLIS = 10_000;

    private final Process process;
    private final Path runDir;
    private final int port;

    private NginxProcess(Process process, Path runDir, int port) {
        this.process = process;
        this.runDir = runDir;
        this.port = port;
    }

    /** The installed nginx, if any. */
    public static Optional<Path> binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * The installed nginx; without one the calling test is skipped, or fails with CHAT_TEST_REQUIRE_SERVICES=true
     * ({@link MissingService}).
     */
    public static Path requireBinary() {
        return binary().orElseGet(() -> MissingService.stop("nginx",
                "no nginx to run docker-compose.yml's load balancer as a process; install it (apt-get install nginx)"));
    }

    /** Starts nginx in front of gateways on these ports of 127.0.0.1; returns once it accepts connections. */
    static NginxProcess start(Path nginx, List<Integer> gatewayPorts) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("parley-nginx");
        int port = GatewayProcess.freePort();
        Path conf = runDir.resolve("nginx.conf");
        Files.writeString(conf, render(runDir, gatewayPorts), StandardCharsets.UTF_8);
        Files.writeString(runDir.resolve("parley-listen.conf"), "listen 127.0.0.1:" + port + ";\n",
                StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(nginx.toString(), "-p", runDir.toString(),
                "-e", runDir.resolve("error.log").toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("nginx.out").toFile())
                .start();
        NginxProcess started = new NginxProcess(process, runDir, port);
        started.awaitListening();
        return started;
    }

    /** The processes template with its placeholders filled, as scripts/replicas.sh fills them with sed. */
    static String render(Path runDir, List<Integer> gatewayPorts) throws IOException {
        String servers = gatewayPorts.stream().map(p -> "        server 127.0.0.1:" + p + ";")
                .collect(Collectors.joining("\n"));
        return Files.readString(RepositoryRoot.resolve(TEMPLATE), StandardCharsets.UTF_8)
                .replace("@RUN_DIR@", runDir.toString())
                .replace("@SHARED_CONF@", RepositoryRoot.resolve(SHARED_SERVER_BLOCK).toString())
                .replace("@UPSTREAM_SERVERS@", servers);
    }

    int port() {
        return port;
    }

    /** One line per finished request: which replicas were tried ({@code upstream=a, b}) and what they answered. */
    List<String> accessLog() {
        return lines(runDir.resolve("access.log"));
    }

    List<String> errorLog() {
        return lines(runDir.resolve("error.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_BOUND_MILLIS);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "does not accept connections within " + START_BOUND_MILLIS + " ms"
                        : "exited with " + process.exitValue();
                process.destroyForcibly();
                throw new AssertionError("nginx " + why + " (" + runDir + "); it said:\n"
                        + String.join("\n", lines(runDir.resolve("nginx.out"))) + "\n"
                        + String.join("\n", errorLog()));
            }
            Thread.sleep(20);
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e + ")");
        }
    }
}
