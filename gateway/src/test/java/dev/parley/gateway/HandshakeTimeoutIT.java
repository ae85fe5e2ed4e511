package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CHAT_HANDSHAKE_TIMEOUT_SECONDS} against a running gateway: a client that sends half a request, drips it, or
 * sends nothing loses its socket; a handshake nobody decides on in time gets 503; an open WebSocket is not bound; and
 * a kept-alive connection's later requests have the idle time-out instead.
 */
class HandshakeTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(4);
    /** How long a test waits for the gateway to close a socket before it calls the socket kept. */
    private static final Duration GIVE_UP = IDLE.multipliedBy(2);
    private static Vertx vertx;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        gateway = start(vertx, GatewayConfig.defaults().withDataDir(Files.createTempDirectory("parley-handshake-it")));
    }

    @AfterAll
    static void stop() throws Exception {
        stop(gateway);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheTimeout() throws Exception {
        try (Socket socket = connect()) {
            assertClosedAfter(socket, TIMEOUT);
        }
    }

    @Test
    void aHandshakeThatStopsHalfWayIsClosedAfterTheTimeout() throws Exception {
        try (Socket socket = connect()) {
            write(socket, "GET /ws/chat/deadline/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
            assertClosedAfter(socket, TIMEOUT);
        }
    }

    @Test
    void aHandshakeDrippedAByteAtATimeIsClosedAtTheSameDeadline() throws Exception {
        try (Socket socket = connect()) {
            drip(socket, "GET /ws/chat/deadline/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ",
                    () -> assertClosedAfter(socket, TIMEOUT));
        }
    }

    @Test
    void aKeptAliveConnectionMayWaitUpToTheIdleTimeoutBetweenRequests() throws Exception {
        try (Socket socket = connect()) {
            // Requests further apart than the handshake time-out, as a proxy reusing its connections sends them.
            for (int i = 0; i < 2; i++) {
                if (i > 0) {
                    Thread.sleep(TIMEOUT.toMillis() + 500);
                }
                write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 200");
            }
            assertClosedAfter(socket, IDLE);
        }
    }

    @Test
    void aNextRequestDrippedOnAKeptAliveConnectionIsClosedAtTheIdleTimeout() throws Exception {
        try (Socket socket = connect()) {
            write(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 200");
            // Bytes keep coming, but only a whole request counts as activity: the idle time-out still ends it.
            drip(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ",
                    () -> assertClosedAfter(socket, IDLE));
        }
    }

    @Test
    void anOpenWebSocketIsNotBoundByTheHandshakeTimeout() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/deadline/"));
        try {
            Thread.sleep(TIMEOUT.multipliedBy(2).toMillis()); // the client answers the pings: not idle
            client.send(new JsonObject().put("message", "still here"));
            assertThat(client.receiveJson().getString("message")).isEqualTo("still here");
        } finally {
            client.abort();
        }
    }

    @Test
    void closedConnectionsAreCountedInTheMetrics() throws Exception {
        // The other tests of this class time connections out too: only this test's own one may make the difference.
        double before = timedOutSoFar();
        try (Socket socket = connect()) {
            assertClosedAfter(socket, TIMEOUT);
        }
        assertThat(timedOutSoFar() - before).as("parley_requests_timed_out_total, counted up").isEqualTo(1.0);
    }

    @Test
    void aHandshakeNobodyDecidesOnInTimeIsRefusedWith503() throws Exception {
        // A guest asking for a name makes the gateway look the name up among the accounts: a locked table keeps
        // that lookup (and so the handshake) waiting longer than the time-out, though less than the store's own.
        String database = TestPostgres.freshDatabase("handshake-timeout");
        Vertx own = Vertx.vertx(); // port 0 in the same Vertx would share the other gateway's socket
        Gateway withPostgres = start(own, GatewayConfig.defaults().withDatabase(database));
        try (Connection locker = DriverManager.getConnection(TestPostgres.jdbcUrlOf(database))) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            int status = WebSocketTestClient.refusedStatus(
                    URI.create("ws://127.0.0.1:" + withPostgres.port() + "/ws/chat/deadline/?name=waiting"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            locker.rollback();

            assertThat(status).isEqualTo(503);
            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(200)).isLessThan(GIVE_UP);
        } finally {
            stop(withPostgres);
            own.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLookupThatAnswersAfterTheRefusalOpensNothingAndFreesTheAddressesPlace() throws Exception {
        // One connection per address: if the late lookup opened a session on the refused socket (or failed half-way
        // through opening one), the address's place would stay taken and the next handshake would get 429.
        String database = TestPostgres.freshDatabase("handshake-late-lookup");
        Vertx own = Vertx.vertx();
        Gateway withPostgres = Gateway.start(own, GatewayConfig.defaults().withDatabase(database).withHost("127.0.0.1").withManagementPort(0)
                        .withPort(0).withLimits(Limits.defaults().withHandshakeTimeout(TIMEOUT).withIdleTimeout(IDLE)
                                .withConnectionCaps(1, 0)))
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        try {
            try (Connection locker = DriverManager.getConnection(TestPostgres.jdbcUrlOf(database))) {
                locker.setAutoCommit(false);
                locker.createStatement().execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
                assertThat(WebSocketTestClient.refusedStatus(URI.create(
                        "ws://127.0.0.1:" + withPostgres.port() + "/ws/chat/late/?name=waiting"))).isEqualTo(503);
                // The client has read its 503 and closed; let the gateway see that close before the lookup answers,
                // as when a client under load gives up first.
                Thread.sleep(1000);
                locker.rollback(); // the lookup answers now, after its handshake was refused and its client left
            }
            URI next = URI.create("ws://127.0.0.1:" + withPostgres.port() + "/ws/chat/late/?name=next");
            Eventually.await(() -> WebSocketTestClient.tryConnect(next).map(client -> {
                client.close();
                return true;
            }).orElse(false), "a new handshake from the same address to be accepted (a refused one must not hold its place)");
        } finally {
            stop(withPostgres);
            own.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** {@code parley_requests_timed_out_total} from /metrics; 0 while it is not there yet. */
    private static double timedOutSoFar() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.managementPort())) {
            write(socket, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String metrics = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return metrics.lines().filter(line -> line.startsWith("parley_requests_timed_out_total "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(0);
        }
    }

    private static Gateway start(Vertx on, GatewayConfig base) throws Exception {
        GatewayConfig config = base.withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withLimits(Limits.defaults().withHandshakeTimeout(TIMEOUT).withIdleTimeout(IDLE));
        return Gateway.start(on, config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void stop(Gateway running) throws Exception {
        running.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
        socket.setSoTimeout((int) GIVE_UP.toMillis());
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads up to the end of the next response's headers, then its body by Content-Length. */
    private static String readResponseHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = RawWebSocket.readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
        return head;
    }

    /** Writes {@code start}, then a byte every 100 ms (never ending the headers) while {@code check} runs. */
    private static void drip(Socket socket, String start, Check check) throws Exception {
        write(socket, start);
        Thread dripper = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(100);
                    write(socket, "a"); // fails once the gateway has closed the socket
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        });
        dripper.setDaemon(true);
        dripper.start();
        try {
            check.run();
        } finally {
            dripper.interrupt();
        }
    }

    /** The gateway closes the socket once {@code timeout} has passed, not before and not much after. */
    private static void assertClosedAfter(Socket socket, Duration timeout) throws IOException {
        long start = System.nanoTime();
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // nothing is expected, but whatever comes is not the end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the socket was still open after " + GIVE_UP);
        } catch (IOException e) {
            // reset by the gateway: closed too
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed after the time-out")
                .isGreaterThanOrEqualTo(timeout.minusMillis(300));
    }

    private interface Check {
        void run() throws IOException;
    }
}
