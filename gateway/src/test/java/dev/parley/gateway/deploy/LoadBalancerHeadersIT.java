package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayProcess;
import dev.parley.gateway.WebSocketTestClient;
import dev.parley.gateway.deploy.FromAddress.Handshake;
import dev.parley.gateway.deploy.FromAddress.Reply;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a gateway behind the compose file's nginx (nginx/parley.conf) must be told about each request, checked with
 * what browsers send: the {@code Host} the page asked for (so a page of the balancer's own origin passes the
 * Origin check, for WebSockets and for the account API alike) and the client's own address in
 * {@code X-Forwarded-For} (so each client has its own per-address cap and sign-in allowance, not nginx's). Clients
 * on different machines are played by different loopback addresses.
 */
class LoadBalancerHeadersIT {

    private static final int CONNECTIONS_PER_ADDRESS = 1;
    private static final int SIGNIN_ATTEMPTS_PER_MINUTE = 3;

    private static GatewayProcess gateway;
    private static NginxProcess nginx;
    private static String origin;

    @BeforeAll
    static void startGatewayBehindNginx() throws Exception {
        Path binary = NginxProcess.requireBinary();
        gateway = GatewayProcess.start(Map.of(
                "CHAT_TRUST_PROXY", "true",
                "CHAT_MAX_CONNECTIONS_PER_IP", String.valueOf(CONNECTIONS_PER_ADDRESS),
                "CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", String.valueOf(SIGNIN_ATTEMPTS_PER_MINUTE)));
        nginx = NginxProcess.start(binary, List.of(gateway.port()));
        origin = "http://127.0.0.1:" + nginx.port();
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aPageOfTheBalancersOriginOpensAWebSocketAndOtherSitesAreRefused() throws Exception {
        try (Handshake page = new FromAddress("127.0.0.2").openWebSocket(nginx.port(), "/ws/chat/lb/", origin)) {
            assertThat(page.status()).as("a page of %s", origin).isEqualTo(101);
        }
        try (Handshake other = new FromAddress("127.0.0.3").openWebSocket(nginx.port(), "/ws/chat/lb/",
                "http://evil.example")) {
            assertThat(other.status()).as("a page of another site").isEqualTo(403);
        }
    }

    @Test
    void aPageSignsUpThroughTheBalancerAndItsCookieSignsInItsWebSocket() throws Exception {
        BrowserSession session = BrowserSession.signUp(origin, "lb-alice", "a long enough password");
        WebSocketTestClient socket = WebSocketTestClient.connectWith(session.headers(),
                URI.create("ws://127.0.0.1:" + nginx.port() + "/ws/chat/lb-signed-in/"));
        try {
            socket.send(new JsonObject().put("message", "signed in behind nginx"));
            JsonObject echoed = socket.receiveJson();
            assertThat(echoed.getString("user")).as("the sender, from the session cookie").isEqualTo("lb-alice");
        } finally {
            socket.close();
        }
    }

    @Test
    void eachClientAddressHasItsOwnConnectionCap() throws Exception {
        FromAddress first = new FromAddress("127.0.0.4");
        try (Handshake open = first.openWebSocket(nginx.port(), "/ws/chat/lb-cap/", origin);
             Handshake oneTooMany = first.openWebSocket(nginx.port(), "/ws/chat/lb-cap/", origin);
             Handshake otherMachine = new FromAddress("127.0.0.5").openWebSocket(nginx.port(), "/ws/chat/lb-cap/",
                     origin)) {
            assertThat(open.status()).as("127.0.0.4's first WebSocket").isEqualTo(101);
            assertThat(oneTooMany.status()).as("127.0.0.4's second, over its cap of %d", CONNECTIONS_PER_ADDRESS)
                    .isEqualTo(429);
            assertThat(otherMachine.status()).as("127.0.0.5's first, while 127.0.0.4 is at its cap").isEqualTo(101);
        }
    }

    @Test
    void eachClientAddressHasItsOwnSignInAllowance() throws Exception {
        FromAddress guesser = new FromAddress("127.0.0.6");
        for (int attempt = 1; attempt <= SIGNIN_ATTEMPTS_PER_MINUTE; attempt++) {
            assertThat(signIn(guesser, "nobody-" + attempt).status()).as("127.0.0.6's attempt %d", attempt)
                    .isEqualTo(401);
        }
        assertThat(signIn(guesser, "nobody-more").status()).as("127.0.0.6, over its allowance").isEqualTo(429);
        Reply someoneElse = signIn(new FromAddress("127.0.0.7"), "nobody-else");
        assertThat(someoneElse.status()).as("127.0.0.7's first attempt: %s", someoneElse.body()).isEqualTo(401);
    }

    @Test
    void theBalancerHandsOutNeitherMetricsNorReadiness() throws Exception {
        for (String path : List.of("/metrics", "/readyz", "/metrics/")) {
            HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(origin + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).as(path + " through nginx").isEqualTo(404);
            assertThat(asked.body()).doesNotContain("parley_", "channel_layer");
        }
        assertThat(gateway.management("/metrics")).as("on the gateway's management port").contains("parley_");
    }

    private Reply signIn(FromAddress from, String name) throws Exception {
        return from.postJson(nginx.port(), "/api/signin", origin,
                new JsonObject().put("name", name).put("password", "not the password").encode());
    }
}
