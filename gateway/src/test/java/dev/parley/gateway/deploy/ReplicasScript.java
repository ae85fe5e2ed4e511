package dev.parley.gateway.deploy;

import dev.parley.gateway.GatewayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/replicas.sh} run as a user runs it: three gateway replicas of the packaged jar behind nginx, on the
 * Redis and Postgres the test names. The test talks to the load balancer ({@link #baseUrl}) as a browser would, and
 * may stop or kill single replicas by their process ids, which the script prints.
 */
public final class ReplicasScript implements AutoCloseable {

    public static final String SCRIPT = "scripts/replicas.sh";
    private static final String RUNNING_LINE = "Parley replicas are running";
    /** "  gateway        pid 17230 on 127.0.0.1:18081  (log ...; metrics http://127.0.0.1:19081/metrics)" */
    private static final Pattern GATEWAY_LINE = Pattern.compile(
            "^\\s+gateway\\s+pid (\\d+) on [^:]+:(\\d+)\\s.*metrics http://[^:]+:(\\d+)/metrics");
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Process script;
    private final Path output;
    private final int port;
    private final long drainSeconds;
    private final List<Replica> replicas = new ArrayList<>();

    /** One gateway process the script started, with the port of its operations endpoints. */
    public record Replica(long pid, int port, int managementPort) {
    }

    private ReplicasScript(Process script, Path output, int port, long drainSeconds) {
        this.script = script;
        this.output = output;
        this.port = port;
        this.drainSeconds = drainSeconds;
    }

    /**
     * Runs the script with {@code replicaCount} gateways on free ports and these extra settings (such as
     * {@code CHAT_DATABASE_URL}, {@code CHAT_REDIS_URL}, {@code CHAT_REDIS_KEY_PREFIX}, {@code CHAT_DRAIN_SECONDS}),
     * and waits until it says everything is running.
     */
    public static ReplicasScript start(Path nginx, int replicaCount, Map<String, String> settings)
            throws IOException, InterruptedException {
        List<Integer> ports = new ArrayList<>();
        List<String> managementPorts = new ArrayList<>();
        for (int i = 0; i <= replicaCount; i++) {
            ports.add(GatewayProcess.freePort());
        }
        for (int i = 0; i < replicaCount; i++) {
            managementPorts.add(String.valueOf(GatewayProcess.freePort()));
        }
        Path output = Files.createTempFile("parley-replicas-script", ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", RepositoryRoot.resolve(SCRIPT).toString())
                .directory(RepositoryRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CHAT_"));
        env.put("NGINX", nginx.toString());
        env.put("GATEWAY_JAR", GatewayProcess.jar().toString());
        env.put("LB_PORT", String.valueOf(ports.get(0)));
        env.put("GATEWAY_PORTS", String.join(" ", ports.subList(1, ports.size()).stream().map(String::valueOf)
                .toList()));
        env.put("MANAGEMENT_PORTS", String.join(" ", managementPorts));
        env.putAll(settings);
        long drainSeconds = Long.parseLong(settings.getOrDefault("CHAT_DRAIN_SECONDS", "20"));
        ReplicasScript started = new ReplicasScript(builder.start(), output, ports.get(0), drainSeconds);
        try {
            started.awaitRunning();
        } catch (AssertionError | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The load balancer's address, as a browser opens it: {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The replicas the script started, in the order it printed them. */
    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /** The replicas whose process is still running. */
    public List<Replica> running() {
        return replicas.stream().filter(r -> ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /** SIGTERM to one replica: it drains (closes its WebSockets with 1012) and exits. */
    public void terminate(Replica replica) {
        ProcessHandle.of(replica.pid()).ifPresent(ProcessHandle::destroy);
    }

    /** SIGKILL to one replica, as a crash: it closes nothing. Returns once it is gone. */
    public void kill(Replica replica) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(replica.pid());
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /**
     * How many WebSockets this replica holds, from its own {@code /metrics} ({@code parley_connections}); -1 if it
     * does not answer.
     */
    public int openWebSockets(Replica replica) {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + replica.managementPort() + "/metrics")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith("parley_connections "))
                    .map(line -> (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Everything the script printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + output + ": " + e + ")";
        }
    }

    /** The last lines of every replica's log, and the script's own output, for a failure message. */
    public String diagnostics() {
        StringBuilder text = new StringBuilder("replicas.sh printed:\n").append(output());
        Matcher logs = Pattern.compile("\\(log (\\S+)\\)").matcher(output());
        while (logs.find()) {
            Path log = Path.of(logs.group(1));
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("\n").append(log).append(" (last 15 lines):\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            } catch (IOException e) {
                text.append("\n(could not read ").append(log).append(")");
            }
        }
        return text.toString();
    }

    /** Ctrl-C's way: SIGTERM to the script, which stops nginx and drains every replica; SIGKILL past the bound. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = script.descendants().toList();
        script.destroy();
        if (!script.waitFor(drainSeconds + 15, TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (!output().contains(RUNNING_LINE) || !output().contains("  history ")) {
            if (!script.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(SCRIPT + (script.isAlive() ? " did not start within " + START_BOUND.toSeconds()
                        + " s" : " exited with " + script.exitValue()) + "; it printed:\n" + output());
            }
            Thread.sleep(50);
        }
        output().lines().map(GATEWAY_LINE::matcher).filter(Matcher::find)
                .forEach(m -> replicas.add(new Replica(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)))));
    }
}
