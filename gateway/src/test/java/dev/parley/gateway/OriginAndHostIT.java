package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same-host Origin rule counts the scheme, as browsers do, and {@code CHAT_ALLOWED_HOSTS} refuses a Host the
 * service is not reached by (DNS rebinding). Requests are written by hand: only then can a test choose its Host.
 */
class OriginAndHostIT {

    private static Vertx vertx;
    private static Vertx proxiedVertx;
    private static Gateway direct;
    private static Gateway proxied;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        proxiedVertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-origin-host-it"));
        direct = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxied = Gateway.start(proxiedVertx, config.withTrustProxy(true)
                        .withAllowedHosts(List.of("127.0.0.1", "chat.example.test")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        direct.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxied.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxiedVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void overPlainHttpOnlyAnHttpPageOfThisHostIsThisHost() throws IOException {
        String self = "127.0.0.1:" + direct.port();
        assertThat(handshake(direct, self, "http://" + self, "")).isEqualTo(101);
        for (String scheme : List.of("https", "ws", "wss", "file", "ftp")) {
            assertThat(handshake(direct, self, scheme + "://" + self, "")).as(scheme + "://").isEqualTo(403);
        }
        assertThat(handshake(direct, self, "file://", "")).isEqualTo(403);
        assertThat(handshake(direct, self, "http://user@" + self, "")).as("with user info").isEqualTo(403);
        assertThat(signUp(direct, self, "https://" + self, "")).as("the account API").isEqualTo(403);
    }

    @Test
    void xForwardedProtoTellsTheSchemeOnlyFromATrustedProxy() throws IOException {
        String self = "127.0.0.1:" + direct.port();
        assertThat(handshake(direct, self, "https://" + self, "X-Forwarded-Proto: https\r\n"))
                .as("anyone may send X-Forwarded-Proto to a gateway that trusts no proxy").isEqualTo(403);

        String behind = "127.0.0.1:" + proxied.port();
        String https = "X-Forwarded-Proto: https\r\n";
        assertThat(handshake(proxied, behind, "https://" + behind, https)).isEqualTo(101);
        assertThat(handshake(proxied, "chat.example.test", "https://chat.example.test", https))
                .as("the default port of https").isEqualTo(101);
        assertThat(handshake(proxied, behind, "http://" + behind, https)).as("an http page, for https").isEqualTo(403);
        assertThat(handshake(proxied, behind, "https://" + behind, "")).as("https without the proxy saying so")
                .isEqualTo(403);
        assertThat(handshake(proxied, behind, "http://" + behind, "X-Forwarded-Proto: http\r\n")).isEqualTo(101);
    }

    @Test
    void withAllowedHostsAReboundHostIsRefusedForPagesApiAndWebSockets() throws IOException {
        String rebound = "rebound.example:" + proxied.port();
        assertThat(handshake(proxied, rebound, "http://" + rebound, "")).isEqualTo(400);
        assertThat(handshake(proxied, rebound, "", "")).as("without an Origin too").isEqualTo(400);
        assertThat(status(proxied, "GET /api/me HTTP/1.1\r\nHost: " + rebound + "\r\n\r\n")).isEqualTo(400);
        assertThat(status(proxied, "GET / HTTP/1.1\r\nHost: " + rebound + "\r\n\r\n")).isEqualTo(400);
        assertThat(signUp(proxied, rebound, "http://" + rebound, "")).isEqualTo(400);

        assertThat(status(proxied, "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1:" + proxied.port() + "\r\n\r\n"))
                .isEqualTo(200);
        assertThat(status(proxied, "GET /api/me HTTP/1.1\r\nHost: CHAT.example.test\r\n\r\n")).isEqualTo(200);
        assertThat(handshake(proxied, "chat.example.test:8443", "http://chat.example.test:8443", ""))
                .as("a name without a port is allowed on any").isEqualTo(101);
        assertThat(status(direct, "GET /api/me HTTP/1.1\r\nHost: " + rebound + "\r\n\r\n"))
                .as("no list: every host, as before").isEqualTo(200);
    }

    private static int handshake(Gateway gateway, String host, String origin, String extraHeaders) throws IOException {
        return status(gateway, "GET /ws/chat/origin-it/ HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin.isEmpty() ? "" : "Origin: " + origin + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
    }

    private static int signUp(Gateway gateway, String host, String origin, String extraHeaders) throws IOException {
        String body = "{\"name\": \"origin-it\", \"password\": \"long enough\"}";
        return status(gateway, "POST /api/signup HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n" + extraHeaders
                + "\r\n" + body);
    }

    /** Sends a request as written and returns the status of the answer. */
    private static int status(Gateway gateway, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = RawWebSocket.readHead(in);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
