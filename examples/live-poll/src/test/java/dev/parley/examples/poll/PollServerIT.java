package dev.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.Gateway;
import dev.parley.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole app in one gateway, started in the test without Redis (the worker runs inside it): a voter over a real
 * WebSocket, the results over HTTP, and the page.
 */
class PollServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static Gateway server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig config = GatewayConfig.defaults()
                .withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDrainDeadline(Duration.ofSeconds(2)) // stop() waits up to half of it for clients to leave
                .withDataDir(Files.createTempDirectory("poll-it"));
        server = Main.server().start(vertx, config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aVoteShowsInTheResultsPushedToTheVoterAndInTheResultsOverHttp() throws Exception {
        Voter ada = Voter.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws/poll/lunch/?name=ada"));
        assertThat(ada.receive().getString("question")).isEqualTo("What's for lunch?");

        ada.vote("salad");

        JsonObject pushed = ada.receive();
        assertThat(pushed.getJsonObject("counts").getInteger("salad")).isEqualTo(1);
        JsonObject overHttp = new JsonObject();
        for (int i = 0; i < 50 && overHttp.getInteger("total", 0) == 0; i++) {
            overHttp = new JsonObject(get("/api/polls/lunch").body());
            Thread.sleep(20);
        }
        assertThat(overHttp).as("the board saw the results too").isEqualTo(pushed);
        ada.close();
    }

    @Test
    void aPollThatDoesNotExistIs404OverHttp() throws Exception {
        assertThat(get("/api/polls/dinner").statusCode()).isEqualTo(404);
    }

    @Test
    void thePageIsServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("poll.js");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JDK WebSocket client that queues the JSON objects it receives. */
    private static final class Voter implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Voter connect(URI uri) throws Exception {
            Voter voter = new Voter();
            voter.socket = HTTP.newWebSocketBuilder().buildAsync(uri, voter).get(10, TimeUnit.SECONDS);
            return voter;
        }

        void vote(String option) throws Exception {
            socket.sendText(new JsonObject().put("vote", option).encode(), true).get(5, TimeUnit.SECONDS);
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
