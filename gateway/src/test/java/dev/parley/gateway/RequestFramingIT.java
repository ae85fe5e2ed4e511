package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests whose body a proxy in front could frame differently from the gateway (RFC 9112 §6): each is answered
 * with an error and its connection closed, so the request hidden in its body (smuggled) is never served.
 */
class RequestFramingIT {

    private static final Duration GIVE_UP = Duration.ofSeconds(8);
    /** What a smuggler hides after the body as the gateway would frame it. */
    private static final String SMUGGLED = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(GatewayConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void anUnknownTransferCodingWithAContentLengthGets400AndTheRequestAfterItIsNotServed() throws Exception {
        String body = "0\r\n\r\n"; // the end of a chunked body to a proxy that reads "xchunked" as chunked
        RawHttp.Ending ending = sendAndReadToTheEnd("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: xchunked\r\nContent-Length: " + body.length() + "\r\n\r\n" + body + SMUGGLED);

        assertRefusedAlone(ending, "HTTP/1.1 400");
        assertThat(ending.received()).contains("Transfer-Encoding must end with chunked");
    }

    @Test
    void anUnknownTransferCodingAloneGets400() throws Exception {
        assertRefusedAlone(sendAndReadToTheEnd("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: identity\r\n\r\n" + SMUGGLED), "HTTP/1.1 400");
    }

    @Test
    void aCodingBeforeChunkedGets501AndTheRequestAfterItIsNotServed() throws Exception {
        assertRefusedAlone(sendAndReadToTheEnd("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + SMUGGLED), "HTTP/1.1 501");
    }

    @Test
    void chunkedAloneIsStillReadAndTheNextRequestServed() throws Exception {
        String json = "{\"name\":\"nobody\",\"password\":\"not-a-password\"}";
        String self = "127.0.0.1:" + gateway.port();
        RawHttp.Ending ending = sendAndReadToTheEnd("POST /api/signin HTTP/1.1\r\nHost: " + self + "\r\n"
                + "Content-Type: application/json\r\nOrigin: http://" + self + "\r\n"
                + "Transfer-Encoding: Chunked\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n" + json
                + "\r\n0\r\n\r\n" + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(ending.received()).startsWith("HTTP/1.1 401").contains("HTTP/1.1 200");
    }

    private static RawHttp.Ending sendAndReadToTheEnd(String requests) throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            return client.send(requests).readToTheEnd(GIVE_UP);
        }
    }

    /** One answer with this status line, then the connection closed: nothing after it was served. */
    private static void assertRefusedAlone(RawHttp.Ending ending, String statusLine) {
        assertThat(ending.received()).startsWith(statusLine).containsIgnoringCase("Connection: close")
                .containsOnlyOnce("HTTP/1.1");
        assertThat(ending.closed()).as("closed by the gateway").isTrue();
        assertThat(ending.after()).isLessThan(GIVE_UP);
    }
}
