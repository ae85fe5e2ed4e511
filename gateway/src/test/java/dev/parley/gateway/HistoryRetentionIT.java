package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.store.NewMessage;
import dev.parley.store.R2dbcMessageStore;
import dev.parley.store.StoreSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A gateway on Postgres with {@code CHAT_HISTORY_RETENTION_DAYS}: at start it drops the months wholly older than
 * the retention, and a client resuming after a seq that was dropped gets a reset, over a WebSocket (on joining and
 * in answer to {@code history.after}), over HTTP and over Server-Sent Events (docs/protocol.md).
 */
class HistoryRetentionIT {

    private static final String ROOM = "kept";

    @Test
    void aResumeAfterADroppedSeqIsToldToStartAgainFromTheOldestKept() throws Exception {
        String database = TestPostgres.freshDatabase("retention");
        Instant now = Instant.now();
        // Seqs 1 to 5 ninety days ago (a month wholly older than 30 days by now), 6 to 8 now.
        Vertx vertx = Vertx.vertx();
        try {
            R2dbcMessageStore store = await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(database)));
            Instant old = now.minus(Duration.ofDays(90));
            await(store.upkeep(old));
            for (int i = 0; i < 8; i++) {
                await(store.append(new NewMessage(ROOM, "alice", "m" + (i + 1), i < 5 ? old : now, Optional.empty())));
            }
            await(store.close());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        GatewayConfig config = GatewayConfig.defaults().withDatabase(database).withHistoryRetention(Duration.ofDays(30));
        try (LocalGateway gateway = LocalGateway.start(config)) {
            WebSocketTestClient resumed = WebSocketTestClient.connect(ws(gateway, "?name=bob&after=2"), "parley.v1");
            JsonObject history = resumed.receiveJsonOfType("history");
            assertThat(history.getBoolean("reset")).isTrue();
            assertThat(history.getLong("oldest_seq")).isEqualTo(6);
            assertThat(seqs(history.getJsonArray("messages"))).containsExactly(6L, 7L, 8L);
            assertThat(history.getBoolean("has_more")).isFalse();

            resumed.send(new JsonObject().put("type", "history.after").put("after", 3).put("limit", 10));
            JsonObject gapFill = resumed.receiveJsonOfType("history");
            assertThat(gapFill.getLong("after")).isEqualTo(3);
            assertThat(gapFill.getBoolean("reset")).isTrue();
            assertThat(gapFill.getLong("oldest_seq")).isEqualTo(6);

            WebSocketTestClient upToDate = WebSocketTestClient.connect(ws(gateway, "?name=carol&after=5"), "parley.v1");
            JsonObject plain = upToDate.receiveJsonOfType("history");
            assertThat(plain.getBoolean("resumed")).isTrue();
            assertThat(plain.containsKey("reset")).as("nothing after 5 was dropped").isFalse();
            assertThat(seqs(plain.getJsonArray("messages"))).containsExactly(6L, 7L, 8L);

            JsonObject overHttp = new JsonObject(get(gateway, "/api/rooms/" + ROOM + "/messages?after=2"));
            assertThat(overHttp.getBoolean("reset")).isTrue();
            assertThat(overHttp.getLong("oldest_seq")).isEqualTo(6);
            assertThat(seqs(overHttp.getJsonArray("messages"))).containsExactly(6L, 7L, 8L);
            assertThat(new JsonObject(get(gateway, "/api/rooms/" + ROOM + "/messages?after=6")).containsKey("reset"))
                    .isFalse();

            try (EventStreamClient events = EventStreamClient.open(URI.create("http://127.0.0.1:" + gateway.port()
                    + "/api/rooms/" + ROOM + "/events"), Map.of("Last-Event-ID", "2"))) {
                EventStreamClient.Event reset = events.next();
                assertThat(reset.event()).isEqualTo("reset");
                assertThat(new JsonObject(reset.data()).getLong("oldest_seq")).isEqualTo(6);
                assertThat(events.next().id()).isEqualTo("6");
            }
        }
    }

    private static URI ws(LocalGateway gateway, String query) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/" + ROOM + "/" + query);
    }

    private static String get(LocalGateway gateway, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static java.util.List<Long> seqs(JsonArray messages) {
        return messages.stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
