package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code CHAT_REQUEST_TIMEOUT_SECONDS} against a running gateway: a request whose body (fixed-length or chunked) or
 * head drips in, a byte at a time, loses its connection at the request deadline, though every byte would keep the
 * idle time-out from ever ending it; requests that come whole are not affected, however far apart.
 */
class RequestTimeoutIT {

    private static final Duration HANDSHAKE = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Far longer than the test waits: only the request deadline can end a dripping connection in time. */
    private static final Duration IDLE = Duration.ofSeconds(60);
    /** How long a test waits for the gateway to close a socket before it calls the socket kept. */
    private static final Duration GIVE_UP = DEADLINE.multipliedBy(4);
    private static final Duration DRIP = Duration.ofMillis(200);
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(GatewayConfig.defaults().withLimits(Limits.defaults()
                .withHandshakeTimeout(HANDSHAKE).withRequestTimeout(DEADLINE).withIdleTimeout(IDLE)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aFixedLengthBodyDrippedAByteAtATimeIsCutAtTheDeadlineWith408() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").drip("a", DRIP);

            RawHttp.Ending ending = client.readToTheEnd(GIVE_UP);

            assertCutAtTheDeadline(ending, DEADLINE);
            assertThat(ending.received()).startsWith("HTTP/1.1 408").contains("did not arrive whole in time");
        }
    }

    @Test
    void aChunkedBodyDrippedAChunkAtATimeIsCutAtTheDeadline() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n").drip("1\r\na\r\n", DRIP);

            RawHttp.Ending ending = client.readToTheEnd(GIVE_UP);

            assertCutAtTheDeadline(ending, DEADLINE);
            assertThat(ending.received()).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void aLaterRequestOnAKeptAliveConnectionIsCutAtTheDeadlineOfItsOwn() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            // Half the handshake time-out: well inside it (at the whole of it the first request raced the handshake
            // clock and got 408), yet late enough that a deadline counted from the opening would cut the second
            // request half a second early.
            Thread.sleep(HANDSHAKE.toMillis() / 2);
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
            long secondStarts = System.nanoTime();
            client.send("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{")
                    .drip("a", DRIP);

            RawHttp.Ending ending = client.readToTheEnd(GIVE_UP);

            assertThat(ending.closed()).as("closed by the gateway within " + GIVE_UP).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - secondStarts)).as("from the second request's first byte")
                    .isBetween(DEADLINE.minusMillis(300), DEADLINE.plusMillis(1500));
        }
    }

    @Test
    void aLaterRequestHeadDrippedOnAKeptAliveConnectionIsCutAtTheDeadline() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
            long secondStarts = System.nanoTime();
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ").drip("a", DRIP);

            RawHttp.Ending ending = client.readToTheEnd(GIVE_UP);

            assertThat(ending.closed()).as("closed by the gateway within " + GIVE_UP).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - secondStarts)).as("from the second request's first byte")
                    .isBetween(DEADLINE.minusMillis(300), DEADLINE.plusMillis(1500));
            assertThat(ending.received()).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void aRequestPipelinedBehindAWholeOneIsTimedToo() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            // Both heads in one write: the second request begins in the read that ends the first.
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{").drip("a", DRIP);

            RawHttp.Ending ending = client.readToTheEnd(GIVE_UP);

            assertCutAtTheDeadline(ending, DEADLINE);
            assertThat(ending.received()).startsWith("HTTP/1.1 200").contains("HTTP/1.1 408");
        }
    }

    @Test
    void aSlowFirstHeadIsStillCutAtTheHandshakeTimeout() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ").drip("a", DRIP);

            assertCutAtTheDeadline(client.readToTheEnd(GIVE_UP), HANDSHAKE);
        }
    }

    @Test
    void wholeRequestsFurtherApartThanTheDeadlineAreAllServed() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    Thread.sleep(DEADLINE.toMillis() + 500); // idle between requests: the idle time-out's business
                }
                client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(client.readResponse()).startsWith("HTTP/1.1 200");
            }
            String body = "{\"name\":\"nobody\",\"password\":\"not-a-password\"}";
            client.send("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Origin: http://127.0.0.1:" + gateway.port() + "\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);
            assertThat(client.readResponse()).as("a sign-in sent whole is answered, not timed out")
                    .doesNotStartWith("HTTP/1.1 408").startsWith("HTTP/1.1 4");
        }
    }

    @Test
    void anOpenWebSocketOutlivesTheRequestDeadline() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/request-deadline/"));
        try {
            // Frames are not requests: one that had started a request's clock would end the connection meanwhile.
            client.send(new JsonObject().put("message", "here"));
            assertThat(client.receiveJson().getString("message")).isEqualTo("here");
            Thread.sleep(DEADLINE.multipliedBy(2).toMillis());
            client.send(new JsonObject().put("message", "still here"));
            assertThat(client.receiveJson().getString("message")).isEqualTo("still here");
        } finally {
            client.abort();
        }
    }

    /** The gateway ended the connection {@code deadline} after it opened: not before, not much after. */
    private static void assertCutAtTheDeadline(RawHttp.Ending ending, Duration deadline) {
        assertThat(ending.closed()).as("closed by the gateway within " + GIVE_UP + "; it sent: " + ending.received())
                .isTrue();
        assertThat(ending.after()).isBetween(deadline.minusMillis(300), deadline.plusMillis(1500));
    }
}
