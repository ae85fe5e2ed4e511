package dev.parley.examples.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.gateway.Gateway;
import dev.parley.gateway.GatewayConfig;
import dev.parley.gateway.ParleyServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo server started in the test, on a free port, and a real WebSocket client (the JDK's): the connection
 * passes the default middleware on its way to the consumer.
 */
class EchoServerIT {

    private static Vertx vertx;
    private static Gateway server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults()
                .withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDrainDeadline(Duration.ofSeconds(2)) // stop() waits up to half of it for clients to leave
                .withDataDir(Files.createTempDirectory("echo-it"));
        server = ParleyServer.create().app(Main.ECHO).start(vertx, config)
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGuestsNameReachesTheConsumerThroughSessionAuth() throws Exception {
        Client ada = Client.connect(echo("?name=ada"), Map.of());

        ada.send(new JsonObject().put("text", "hello"));

        assertThat(ada.receive()).isEqualTo(new JsonObject()
                .put("echo", new JsonObject().put("text", "hello"))
                .put("user", "ada"));
        ada.close();
    }

    @Test
    void aGuestWithoutANameGetsOneMadeUp() throws Exception {
        Client someone = Client.connect(echo(""), Map.of());

        someone.send(new JsonObject().put("text", "who am I?"));

        assertThat(someone.receive().getString("user")).startsWith("guest-");
        someone.close();
    }

    @Test
    void aPageOfAnotherSiteIsRefusedByOriginCheck() {
        assertThat(refusedStatus(echo("?name=ada"), Map.of("Origin", "https://evil.example"))).isEqualTo(403);
    }

    @Test
    void aPageOfThisServerIsLetIn() throws Exception {
        Client page = Client.connect(echo("?name=bo"), Map.of("Origin", "http://127.0.0.1:" + server.port()));
        page.send(new JsonObject().put("text", "same site"));
        assertThat(page.receive().getString("user")).isEqualTo("bo");
        page.close();
    }

    @Test
    void aPathWithoutARouteIs404() {
        URI nowhere = URI.create("ws://127.0.0.1:" + server.port() + "/ws/nowhere/");
        assertThat(refusedStatus(nowhere, Map.of())).isEqualTo(404);
    }

    private static URI echo(String query) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo/" + query);
    }

    /** The HTTP status a handshake was refused with. */
    private static int refusedStatus(URI uri, Map<String, String> headers) {
        Throwable failure = catchThrowable(() -> Client.connect(uri, headers));
        assertThat(failure).as("the handshake is refused").isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** A JDK WebSocket client that queues the JSON objects it receives. */
    private static final class Client implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(URI uri, Map<String, String> headers) throws Exception {
            Client client = new Client();
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            headers.forEach(builder::header);
            client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void send(JsonObject frame) throws Exception {
            socket.sendText(frame.encode(), true).get(5, TimeUnit.SECONDS);
        }

        JsonObject receive() throws InterruptedException {
            JsonObject frame = received.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 5 s").isNotNull();
            return frame;
        }

        void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
