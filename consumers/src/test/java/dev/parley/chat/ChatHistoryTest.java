package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.consumers.Scope;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.store.NewMessage;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** History through the chat consumer: on joining, paging back, resuming, retries, and a store that is down. */
class ChatHistoryTest extends ChatConsumerFixture {

    @Test
    void aNewcomerGetsTheRoomsHistoryOldestFirst() {
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");
        for (int i = 1; i <= 3; i++) {
            alice.sendJson(new JsonObject().put("message", "m" + i));
            alice.receiveJson();
        }

        JsonObject history = joinRich("lobby", "bob", "");

        assertThat(history.getJsonArray("messages")).extracting(m -> ((JsonObject) m).getString("message"))
                .containsExactly("m1", "m2", "m3");
        assertThat(history.getBoolean("has_more")).isFalse();
    }

    @Test
    void aClientMayAskForFewerMessagesAndPageBackwards() {
        post("lobby", 5);

        JsonObject latest = joinRich("lobby", "bob", "2");
        assertThat(seqs(latest)).containsExactly(4L, 5L);
        assertThat(latest.getBoolean("has_more")).isTrue();

        WebsocketCommunicator bob = clients.get(clients.size() - 1);
        bob.sendJson(new JsonObject().put("type", "history.before").put("before", 4).put("limit", 2));
        JsonObject older = bob.receiveJson();
        assertThat(older.getLong("before")).isEqualTo(4L);
        assertThat(seqs(older)).containsExactly(2L, 3L);
        assertThat(older.getBoolean("has_more")).isTrue();
    }

    @Test
    void aConnectedClientFillsAGapWithHistoryAfter() {
        post("lobby", 7);
        joinRich("lobby", "bob", "0");
        WebsocketCommunicator bob = clients.get(clients.size() - 1);

        bob.sendJson(new JsonObject().put("type", "history.after").put("after", 3).put("limit", 2));
        JsonObject page = bob.receiveJson();
        assertThat(page.getString("type")).isEqualTo("history");
        assertThat(page.getLong("after")).isEqualTo(3L);
        assertThat(seqs(page)).containsExactly(4L, 5L);
        assertThat(page.getBoolean("has_more")).as("newer messages remain").isTrue();

        bob.sendJson(new JsonObject().put("type", "history.after").put("after", 5));
        JsonObject rest = bob.receiveJson();
        assertThat(seqs(rest)).containsExactly(6L, 7L);
        assertThat(rest.getBoolean("has_more")).isFalse();

        bob.sendJson(new JsonObject().put("type", "history.after").put("after", -1));
        JsonObject refused = bob.receiveJson();
        assertThat(refused.getString("code")).isEqualTo("invalid_request");
        assertThat(refused.getString("message")).contains("\"after\" must be a message seq");
    }

    @Test
    void aReconnectingClientGetsExactlyWhatItMissed() {
        post("lobby", 6);

        JsonObject resumed = joinRichWith("lobby", "bob", Map.of("after", List.of("4")));

        assertThat(resumed.getBoolean("resumed")).isTrue();
        assertThat(seqs(resumed)).containsExactly(5L, 6L);
    }

    @Test
    void aClientThatMissedTooMuchIsToldToStartOver() {
        post("lobby", HistoryReader.MAX_RESUME + 1);

        JsonObject reset = joinRichWith("lobby", "bob", Map.of("after", List.of("0")));

        assertThat(reset.getBoolean("reset")).isTrue();
        assertThat(seqs(reset)).hasSize(HistoryReader.DEFAULT_LATEST).endsWith((long) HistoryReader.MAX_RESUME + 1);
    }

    @Test
    void aRetryWithTheSameClientIdIsAckedWithTheOriginalSeqAndNotPostedAgain() {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");
        alice.receiveJson(); // bob arrived
        JsonObject send = new JsonObject().put("type", "chat.send").put("message", "once").put("client_id", "c-7");

        alice.sendJson(send);
        assertThat(alice.receiveJson().getLong("seq")).isEqualTo(1L);
        alice.receiveJson();
        assertThat(bob.receiveJson().getString("message")).isEqualTo("once");

        alice.sendJson(send);
        JsonObject retryAck = alice.receiveJson();
        assertThat(retryAck.getString("type")).isEqualTo("chat.ack");
        assertThat(retryAck.getLong("seq")).isEqualTo(1L);
        assertThat(retryAck.getBoolean("duplicate")).isTrue();
        bob.receiveNothing();
        alice.receiveNothing();
    }

    @Test
    void whenTheStoreIsDownTheSenderIsToldAndNobodySeesTheMessage() throws Exception {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");
        alice.receiveJson(); // bob arrived
        store.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

        alice.sendJson(new JsonObject().put("type", "chat.send").put("message", "lost?").put("client_id", "c-9"));

        JsonObject error = alice.receiveJson(java.time.Duration.ofSeconds(10));
        assertThat(error.getString("code")).isEqualTo("unavailable");
        assertThat(error.getString("client_id")).isEqualTo("c-9");
        bob.receiveNothing();
    }
    private void post(String room, int count) {
        for (int i = 1; i <= count; i++) {
            store.append(new NewMessage(room, "alice", "m" + i, NOW, java.util.Optional.empty()))
                    .toCompletionStage().toCompletableFuture().join();
        }
    }

    private JsonObject joinRich(String room, String name, String history) {
        return joinRichWith(room, name, history.isEmpty() ? Map.of() : Map.of("history", List.of(history)));
    }

    private JsonObject joinRichWith(String room, String name, Map<String, List<String>> query) {
        Scope base = scope(room, name, List.of("parley.v1"));
        Scope scope = new Scope(base.path(), base.pathParams(), query, base.headers(), base.clientAddress(),
                base.subprotocols(), base.user());
        WebsocketCommunicator client = connected(scope);
        assertThat(client.receiveJson().getString("type")).isEqualTo("welcome");
        assertThat(client.receiveJson().getString("type")).isEqualTo("presence");
        JsonObject history = client.receiveJson();
        assertThat(history.getString("type")).isEqualTo("history");
        return history;
    }

    private static List<Long> seqs(JsonObject history) {
        return history.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
    }
}
