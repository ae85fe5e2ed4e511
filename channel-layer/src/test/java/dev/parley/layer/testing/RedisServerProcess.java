package dev.parley.layer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server of the test's own on a free port, which the test may stop, kill and restart (to test
 * surviving a Redis restart) without touching the shared Redis. Nothing is kept on disk; a shutdown hook
 * kills any server a failing test left running.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration READY = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(10);
    /** After a stop the old socket may hold the port for a moment; restart() retries binding this long. */
    private static final Duration PORT_BUSY = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;
    private static final Set<RedisServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RedisServerProcess::reap),
                "parley-redis-server-reaper"));
    }

    private final Path binary;
    private final Path dir;
    private final Path log;
    private final int port;
    private final List<String> extraArguments;
    private volatile Process process; // read without the lock by the shutdown hook
    private boolean closed;

    private RedisServerProcess(Path binary, Path dir, int port, List<String> extraArguments) {
        this.binary = binary;
        this.dir = dir;
        this.log = dir.resolve("redis-server.log");
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /**
     * Starts a redis-server on a free port and waits until it answers PING; if none is installed, stops the caller
     * by the {@link MissingService} rule.
     */
    public static RedisServerProcess start() {
        return start(List.of());
    }

    /**
     * As {@link #start()}, with more redis-server arguments (e.g. {@code --cluster-enabled yes}); files they name
     * land in the server's own directory, kept across restarts.
     */
    public static RedisServerProcess start(List<String> extraArguments) {
        Path binary = findBinary().orElseGet(() -> MissingService.stop("the redis-server program",
                "redis-server not found on PATH or at " + DEBIAN_BINARY
                        + "; install redis-server (apt-get install redis-server)"));
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
        // Another process may take the free port before redis-server binds it: then try another one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = extraArguments.contains("--cluster-enabled") ? freePortWithClusterBus() : freePort();
            RedisServerProcess server = new RedisServerProcess(binary, dir, port, extraArguments);
            LIVE.add(server);
            if (server.launch()) {
                return server;
            }
            LIVE.remove(server);
        }
        String tail = logTail(dir.resolve("redis-server.log"));
        deleteQuietly(dir);
        throw new IllegalStateException("redis-server exited at start " + START_ATTEMPTS + " times; log tail:\n" + tail);
    }

    /** The URL of this server, {@code redis://127.0.0.1:<port>}; the same across restarts. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The port this server listens on, the same across restarts. */
    public int port() {
        return port;
    }

    /** Whether the redis-server process is alive. */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM) and waits until it has exited; does nothing if it is not running. */
    public synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Kills the server (SIGKILL), as a crash would, and waits until it has exited. */
    public synchronized void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts the server again on the same port (stopping it first if running) and waits until it answers PING. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("redis-server on port " + port + " is closed");
        }
        stop();
        long deadline = System.nanoTime() + PORT_BUSY.toNanos();
        while (!launch()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server could not start again on port " + port + " within "
                        + PORT_BUSY.toSeconds() + " s; log tail:\n" + logTail(log));
            }
            pause(100);
        }
    }

    /** Stops the server and deletes its directory; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            LIVE.remove(this);
            deleteQuietly(dir);
        }
    }

    /**
     * Starts the process and waits until it answers PING (true) or exits (false, e.g. the port is taken).
     * Fails with the log's tail if it neither answers nor exits in time.
     */
    private synchronized boolean launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            // Alive after the answer: a server of someone else on this port must not pass for ours.
            if (RedisPing.answers("127.0.0.1", port, Duration.ofMillis(500)) && process.isAlive()) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            pause(50);
        }
        kill();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + READY.toSeconds() + " s; log tail:\n" + logTail(log));
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** For the shutdown hook: quick and without locks, since a test thread may hold this object's. */
    private void reap() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
        deleteQuietly(dir);
    }

    /** The redis-server program, or a program installed beside it (redis-cli), if found. */
    static Optional<Path> findBinary(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                        .map(entry -> Path.of(entry, name)), Stream.of(DEBIAN_BINARY.resolveSibling(name)))
                .filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> findBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                        .map(entry -> Path.of(entry, "redis-server")), Stream.of(DEBIAN_BINARY))
                .filter(Files::isExecutable).findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** A cluster node also listens on its port + 10 000 (the cluster bus): that one must exist and be free too. */
    private static int freePortWithClusterBus() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 whose cluster bus port (+10000) is free too");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String logTail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    /** Best effort: a temporary directory left behind is harmless and must not hide the test's own outcome. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // nothing to do: see above
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
