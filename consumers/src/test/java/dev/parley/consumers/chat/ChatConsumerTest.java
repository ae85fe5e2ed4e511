package dev.parley.consumers.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.consumers.history.MessageStore;
import dev.parley.consumers.history.NewMessage;
import dev.parley.consumers.history.R2dbcMessageStore;
import dev.parley.consumers.history.StoreSettings;
import dev.parley.layer.InMemoryPresence;
import dev.parley.layer.Presence;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat consumer through the harness: the tutorial contract, rooms, the rich protocol and bad input. */
class ChatConsumerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T04:05:06Z");

    private Vertx vertx;
    private ChannelLayer layer;
    private final ChatSettings settings = new ChatSettings(20, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Presence presence = new InMemoryPresence();
    private MessageStore store;
    private final List<WebsocketCommunicator> clients = new ArrayList<>();

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
        store = R2dbcMessageStore.open(vertx, StoreSettings.embedded(dataDir)).toCompletionStage()
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        store.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        layer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTutorialClientsMessageReachesEveryoneInTheRoomTheSenderIncluded() {
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");

        alice.sendJson(new JsonObject().put("message", "hi"));

        JsonObject expected = new JsonObject().put("type", "chat.message").put("room", "lobby").put("seq", 1L)
                .put("user", "alice").put("message", "hi").put("sent_at", "2026-11-22T04:05:06.000Z");
        assertThat(alice.receiveJson()).isEqualTo(expected);
        assertThat(bob.receiveJson()).isEqualTo(expected);
        alice.receiveNothing();
        bob.receiveNothing();
    }

    @Test
    void tutorialHandshakeHasNoSubprotocolAndNoWelcome() {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer, ChatConsumer.factory(settings, presence, store),
                scope("lobby", "alice", List.of()));

        assertThat(client.connect().subprotocol()).isEmpty();
        client.receiveNothing();
    }

    @Test
    void aBurstOfFramesStillGetsEveryEcho() {
        // 150 frames at once: more than a channel's capacity (100). Each posts a message back to this connection;
        // if those waited behind the frames, the connection's mailbox would overflow and echoes would be lost.
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");

        for (int i = 0; i < 150; i++) {
            alice.sendJson(new JsonObject().put("message", "m" + i));
        }

        for (int i = 0; i < 150; i++) {
            assertThat(alice.receiveJson(java.time.Duration.ofSeconds(5)).getString("message")).isEqualTo("m" + i);
        }
    }

    @Test
    void otherRoomsReceiveNothing() {
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");
        WebsocketCommunicator carol = tutorialClient("kitchen", "carol");

        alice.sendJson(new JsonObject().put("message", "only for the lobby"));

        assertThat(alice.receiveJson().getString("message")).isEqualTo("only for the lobby");
        carol.receiveNothing();
    }

    @Test
    void messagesArriveInTheOrderTheyWereSent() {
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");

        for (int i = 0; i < 50; i++) {
            alice.sendJson(new JsonObject().put("message", "m" + i));
        }

        for (int i = 0; i < 50; i++) {
            assertThat(bob.receiveJson().getString("message")).isEqualTo("m" + i);
        }
    }

    @Test
    void tutorialClientsOnlyEverGetFramesWithAStringMessage() {
        WebsocketCommunicator tutorial = tutorialClient("lobby", "alice");
        WebsocketCommunicator rich = richClient("lobby", "bob");

        rich.sendJson(new JsonObject().put("type", "typing").put("active", true));
        rich.sendJson(new JsonObject().put("type", "chat.send").put("message", "hello").put("client_id", "c1"));

        JsonObject chat = tutorial.receiveJson();
        assertThat(chat.getValue("message")).isEqualTo("hello");
        assertThat(chat.containsKey("client_id")).isFalse();
        tutorial.sendText("not json");
        JsonObject error = tutorial.receiveJson();
        assertThat(error.getValue("message")).isInstanceOf(String.class);
        assertThat(error.getString("code")).isEqualTo("invalid_json");
        tutorial.receiveNothing();
    }

    @Test
    void richClientsAreWelcomedWithTheirNameAndLimits() {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer, ChatConsumer.factory(settings, presence, store),
                scope("lobby", "alice", List.of("other.proto", "parley.v1")));

        assertThat(client.connect().subprotocol()).contains("parley.v1");
        assertThat(client.receiveJson()).isEqualTo(new JsonObject().put("type", "welcome").put("protocol", "parley.v1")
                .put("room", "lobby").put("user", "alice").put("guest", true).put("max_message_length", 20));
        assertThat(client.receiveJson()).isEqualTo(new JsonObject().put("type", "presence").put("room", "lobby")
                .put("users", new JsonArray().add("alice")));
        assertThat(client.receiveJson()).isEqualTo(new JsonObject().put("type", "history").put("room", "lobby")
                .put("messages", new JsonArray()).put("has_more", false));
    }

    @Test
    void richClientsSeeWhoComesAndGoesButNotThemselves() {
        WebsocketCommunicator alice = richClient("lobby", "alice");

        WebsocketCommunicator bob = connected(scope("lobby", "bob", List.of("parley.v1")));
        assertThat(bob.receiveJson().getString("type")).isEqualTo("welcome");
        assertThat(bob.receiveJson().getJsonArray("users")).containsExactly("alice", "bob");
        assertThat(bob.receiveJson().getString("type")).isEqualTo("history");
        assertThat(alice.receiveJson()).isEqualTo(new JsonObject().put("type", "presence.join").put("room", "lobby")
                .put("user", "bob"));
        bob.receiveNothing();

        bob.disconnect();
        assertThat(alice.receiveJson()).isEqualTo(new JsonObject().put("type", "presence.leave").put("room", "lobby")
                .put("user", "bob"));
    }

    @Test
    void aSecondTabOfTheSameUserIsNoJoinAndClosingItIsNoLeave() {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        WebsocketCommunicator bob = richClient("lobby", "bob");
        assertThat(alice.receiveJson().getString("type")).isEqualTo("presence.join");

        WebsocketCommunicator bobAgain = richClient("lobby", "bob");
        alice.receiveNothing();
        bobAgain.disconnect();
        alice.receiveNothing();

        bob.disconnect();
        assertThat(alice.receiveJson().getString("type")).isEqualTo("presence.leave");
    }

    @Test
    void tutorialClientsCountInPresenceButNeverGetPresenceFrames() {
        WebsocketCommunicator tutorial = tutorialClient("lobby", "alice");
        WebsocketCommunicator rich = connected(scope("lobby", "bob", List.of("parley.v1")));
        rich.receiveJson();

        assertThat(rich.receiveJson().getJsonArray("users")).containsExactly("alice", "bob");
        assertThat(rich.receiveJson().getString("type")).isEqualTo("history");
        tutorial.receiveNothing();
        rich.disconnect();
        tutorial.receiveNothing();
    }

    @Test
    void aRichSendIsAckedAndEchoedWithItsClientId() {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");
        assertThat(alice.receiveJson().getString("user")).as("bob's arrival").isEqualTo("bob");

        alice.sendJson(new JsonObject().put("type", "chat.send").put("message", "hi").put("client_id", "c-1"));

        assertThat(alice.receiveJson()).isEqualTo(new JsonObject().put("type", "chat.ack").put("client_id", "c-1")
                .put("seq", 1L).put("sent_at", "2026-11-22T04:05:06.000Z"));
        JsonObject echo = alice.receiveJson();
        assertThat(echo.getString("type")).isEqualTo("chat.message");
        assertThat(echo.getString("client_id")).isEqualTo("c-1");
        assertThat(bob.receiveJson().getString("message")).isEqualTo("hi");
    }

    @Test
    void aRichClientMaySendTheTutorialFrame() {
        WebsocketCommunicator alice = richClient("lobby", "alice");

        alice.sendJson(new JsonObject().put("message", "plain"));

        assertThat(alice.receiveJson().getString("type")).isEqualTo("chat.ack");
        assertThat(alice.receiveJson().getString("message")).isEqualTo("plain");
    }

    @Test
    void typingReachesTheOthersButNotTheTypist() {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        WebsocketCommunicator bob = richClient("lobby", "bob");
        assertThat(alice.receiveJson().getString("type")).isEqualTo("presence.join");

        alice.sendJson(new JsonObject().put("type", "typing").put("active", true));

        assertThat(bob.receiveJson()).isEqualTo(new JsonObject().put("type", "typing").put("room", "lobby")
                .put("user", "alice").put("active", true));
        alice.receiveNothing();
    }

    @Test
    void badInputGetsAnErrorFrameAndTheConnectionGoesOn() {
        WebsocketCommunicator alice = richClient("lobby", "alice");

        assertError(alice, "{not json", "invalid_json");
        assertError(alice, "[1, 2]", "invalid_frame");
        assertError(alice, "\"just a string\"", "invalid_frame");
        assertError(alice, "{\"type\": \"chat.send\", \"message\": 42}", "invalid_field");
        assertError(alice, "{\"type\": \"chat.send\"}", "invalid_field");
        assertError(alice, "{\"type\": 7, \"message\": \"x\"}", "invalid_field");
        assertError(alice, "{\"type\": \"chat.send\", \"message\": \"   \"}", "empty_message");
        assertError(alice, "{\"type\": \"chat.send\", \"message\": \"" + "x".repeat(21) + "\"}", "message_too_long");
        assertError(alice, "{\"type\": \"dance\"}", "unknown_type");
        assertError(alice, "{\"type\": \"typing\", \"active\": \"yes\"}", "invalid_field");
        assertError(alice, "{\"type\": \"chat.send\", \"message\": \"x\", \"client_id\": 5}", "invalid_field");

        alice.sendBinary(Buffer.buffer(new byte[] {1, 2, 3}));
        assertThat(alice.receiveJson().getString("code")).isEqualTo("binary_not_supported");

        alice.sendJson(new JsonObject().put("type", "chat.send").put("message", "still here"));
        assertThat(alice.receiveJson().getString("type")).isEqualTo("chat.ack");
        assertThat(alice.receiveJson().getString("message")).isEqualTo("still here");
    }

    @Test
    void anErrorCarriesTheClientIdOfTheRefusedFrame() {
        WebsocketCommunicator alice = richClient("lobby", "alice");

        alice.sendJson(new JsonObject().put("type", "chat.send").put("message", "").put("client_id", "c-9"));

        JsonObject error = alice.receiveJson();
        assertThat(error.getString("code")).isEqualTo("empty_message");
        assertThat(error.getString("client_id")).isEqualTo("c-9");
    }

    @Test
    void messageLengthCountsCharactersNotUtf16Units() {
        WebsocketCommunicator alice = richClient("lobby", "alice");
        String twentyEmoji = "😀".repeat(20); // 40 UTF-16 units, 20 characters: exactly the limit

        alice.sendJson(new JsonObject().put("type", "chat.send").put("message", twentyEmoji));

        assertThat(alice.receiveJson().getString("type")).isEqualTo("chat.ack");
        assertThat(alice.receiveJson().getString("message")).isEqualTo(twentyEmoji);
    }

    @Test
    void aDisconnectedClientNoLongerReceivesTheRoom() {
        WebsocketCommunicator alice = tutorialClient("lobby", "alice");
        WebsocketCommunicator bob = tutorialClient("lobby", "bob");
        bob.disconnect();

        alice.sendJson(new JsonObject().put("message", "anyone?"));

        assertThat(alice.receiveJson().getString("message")).isEqualTo("anyone?");
        bob.receiveNothing();
    }

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

    private void assertError(WebsocketCommunicator client, String frame, String code) {
        client.sendText(frame);
        JsonObject error = client.receiveJson();
        assertThat(error.getString("type")).as("reply to %s", frame).isEqualTo("error");
        assertThat(error.getString("code")).as("code for %s", frame).isEqualTo(code);
        assertThat(error.getString("message")).as("message for %s", frame).startsWith("Error: ");
    }

    private WebsocketCommunicator tutorialClient(String room, String name) {
        return connected(scope(room, name, List.of()));
    }

    private WebsocketCommunicator richClient(String room, String name) {
        WebsocketCommunicator client = connected(scope(room, name, List.of("parley.v1")));
        assertThat(client.receiveJson().getString("type")).isEqualTo("welcome");
        assertThat(client.receiveJson().getString("type")).isEqualTo("presence");
        assertThat(client.receiveJson().getString("type")).isEqualTo("history");
        return client;
    }

    private WebsocketCommunicator connected(Scope scope) {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer, ChatConsumer.factory(settings, presence, store), scope);
        assertThat(client.connect().accepted()).isTrue();
        clients.add(client);
        return client;
    }

    private static Scope scope(String room, String name, List<String> subprotocols) {
        return Scope.of("/ws/chat/" + room + "/", Map.of("room", room), User.guest(name)).withSubprotocols(subprotocols);
    }
}
