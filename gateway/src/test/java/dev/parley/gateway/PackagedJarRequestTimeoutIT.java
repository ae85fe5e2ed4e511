package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's slow-body finding end to end, against the jar people run: a sign-in whose body drips in a byte at a
 * time is cut at {@code CHAT_REQUEST_TIMEOUT_SECONDS}, though each byte would keep the idle time-out from ending it.
 */
class PackagedJarRequestTimeoutIT {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private GatewayProcess gateway;

    @BeforeEach
    void startJar() throws Exception {
        gateway = GatewayProcess.start(Map.of(
                "CHAT_HANDSHAKE_TIMEOUT_SECONDS", "1",
                "CHAT_REQUEST_TIMEOUT_SECONDS", String.valueOf(DEADLINE.toSeconds()),
                "CHAT_IDLE_TIMEOUT_SECONDS", "60"));
    }

    @AfterEach
    void stopJar() throws Exception {
        gateway.close();
    }

    @Test
    void aSignInWhoseBodyDripsIsCutAtTheRequestDeadline() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").drip("a", Duration.ofMillis(200));

            RawHttp.Ending ending = client.readToTheEnd(DEADLINE.multipliedBy(4));

            assertThat(ending.closed()).as("closed by the gateway; it sent: " + ending.received()).isTrue();
            assertThat(ending.after()).isBetween(DEADLINE.minusMillis(300), DEADLINE.plusMillis(1500));
            assertThat(ending.received()).startsWith("HTTP/1.1 408");
        }
        assertThat(gateway.readiness()).as("the gateway still answers").isEqualTo(200);
    }
}
