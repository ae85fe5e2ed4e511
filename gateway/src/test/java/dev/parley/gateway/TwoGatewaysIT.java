package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway processes on one Redis and one Postgres, as replicas run: rooms are shared, whichever gateway a client reached. */
class TwoGatewaysIT {

    private static GatewayProcess first;
    private static GatewayProcess second;
    private static Map<String, String> redis;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        redis = Map.of(
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("two-gateways"),
                "CHAT_REDIS_URL", TestRedis.url(),
                "CHAT_REDIS_KEY_PREFIX", TestRedis.uniquePrefix("two-gateways"),
                "CHAT_PRESENCE_TTL_SECONDS", "2",
                // Concurrent senders post as fast as the gateways take them; rate limits are SecurityIT's.
                "CHAT_FRAMES_PER_SECOND", "0",
                "CHAT_MESSAGES_PER_SECOND", "0");
        first = GatewayProcess.start(redis);
        second = GatewayProcess.start(redis);
    }

    @AfterAll
    static void stopGateways() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void saysOnStartThatItUsesRedis() {
        assertThat(first.output()).anySatisfy(line -> assertThat(line).contains("Parley chat is running").contains("Redis at redis://"));
    }

    @Test
    void aTutorialClientOnOneGatewaySeesWhatIsSentOnTheOther() {
        WebSocketTestClient onFirst = WebSocketTestClient.connect(ws(first, "/ws/chat/shared/"));
        WebSocketTestClient onSecond = WebSocketTestClient.connect(ws(second, "/ws/chat/shared/"));
        WebSocketTestClient otherRoom = WebSocketTestClient.connect(ws(second, "/ws/chat/elsewhere/"));

        onSecond.send("{\"message\": \"from the second gateway\"}");

        assertThat(onFirst.receiveJson().getString("message")).isEqualTo("from the second gateway");
        assertThat(onSecond.receiveJson().getString("message")).isEqualTo("from the second gateway");
        otherRoom.receiveNothing();

        onFirst.send("{\"message\": \"and back\"}");
        assertThat(onSecond.receiveJson().getString("message")).isEqualTo("and back");
        assertThat(onFirst.receiveJson().getString("message")).isEqualTo("and back");
    }

    @Test
    void richClientsOnDifferentGatewaysSeeEachOtherTyping() {
        WebSocketTestClient alice = WebSocketTestClient.connect(ws(first, "/ws/chat/typing/?name=alice"), "parley.v1");
        WebSocketTestClient bob = WebSocketTestClient.connect(ws(second, "/ws/chat/typing/?name=bob"), "parley.v1");
        alice.receiveJsonOfType("welcome");
        bob.receiveJsonOfType("welcome");

        alice.send(new JsonObject().put("type", "typing").put("active", true));

        JsonObject typing = bob.receiveJsonOfType("typing");
        assertThat(typing.getString("user")).isEqualTo("alice");
    }

    @Test
    void presenceIsSharedAndAGatewayKilledWithoutGoodbyeLeavesIt() throws Exception {
        WebSocketTestClient alice = WebSocketTestClient.connect(ws(first, "/ws/chat/presence/?name=alice"), "parley.v1");
        alice.receiveJsonOfType("welcome");
        assertThat(alice.receiveJsonOfType("presence").getJsonArray("users")).containsExactly("alice");

        try (GatewayProcess doomed = GatewayProcess.start(redis)) {
            WebSocketTestClient carol = WebSocketTestClient.connect(ws(doomed, "/ws/chat/presence/?name=carol"), "parley.v1");
            carol.receiveJsonOfType("welcome");
            assertThat(carol.receiveJsonOfType("presence").getJsonArray("users")).containsExactly("alice", "carol");
            assertThat(alice.receiveJsonOfType("presence.join").getString("user")).isEqualTo("carol");

            doomed.kill(); // SIGKILL: no goodbye to anyone
        }
        long killed = System.nanoTime();

        // A 2 s presence TTL: carol must be gone within 1.25 times that (docs/protocol.md). receiveJsonOfType waits
        // up to 5 s, which would hide a leave twice too slow, so the time is checked: 2.5 s, and a second for the
        // leave to reach alice on a busy machine.
        JsonObject left = alice.receiveJsonOfType("presence.leave");
        assertThat(left.getString("user")).isEqualTo("carol");
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("from the kill to alice hearing carol left")
                .isLessThan(Duration.ofMillis(2_500 + 1_000));
    }

    @Test
    void historyIsSharedAndAClientResumesOnTheOtherGatewayWithExactlyWhatItMissed() {
        WebSocketTestClient writer = WebSocketTestClient.connect(ws(first, "/ws/chat/history/?name=alice"), "parley.v1");
        for (int i = 1; i <= 4; i++) {
            writer.send(new JsonObject().put("type", "chat.send").put("message", "m" + i).put("client_id", "c" + i));
            writer.receiveJsonOfType("chat.ack");
        }

        WebSocketTestClient reader = WebSocketTestClient.connect(ws(second, "/ws/chat/history/?name=bob&after=2"),
                "parley.v1");
        JsonObject missed = reader.receiveJsonOfType("history");
        assertThat(missed.getBoolean("resumed")).isTrue();
        assertThat(missed.getJsonArray("messages")).extracting(m -> ((JsonObject) m).getString("message"))
                .containsExactly("m3", "m4");

        // A retry of m4 through the other gateway is recognised: same seq, not posted again.
        WebSocketTestClient again = WebSocketTestClient.connect(ws(second, "/ws/chat/history/?name=alice"), "parley.v1");
        again.receiveJsonOfType("history");
        again.send(new JsonObject().put("type", "chat.send").put("message", "m4").put("client_id", "c4"));
        JsonObject ack = again.receiveJsonOfType("chat.ack");
        assertThat(ack.getBoolean("duplicate")).isTrue();
        assertThat(ack.getLong("seq")).isEqualTo(4L);
    }

    @Test
    void concurrentSendersOnTwoGatewaysGetOneOrderEveryoneAgreesOn() throws Exception {
        WebSocketTestClient alice = WebSocketTestClient.connect(ws(first, "/ws/chat/order/?name=alice"), "parley.v1");
        WebSocketTestClient bob = WebSocketTestClient.connect(ws(second, "/ws/chat/order/?name=bob"), "parley.v1");
        alice.receiveJsonOfType("history");
        bob.receiveJsonOfType("history");

        Thread aliceSends = new Thread(() -> sendMany(alice, "a"));
        aliceSends.start();
        sendMany(bob, "b");
        aliceSends.join();

        List<JsonObject> seenByAlice = chatMessages(alice, 100);
        List<JsonObject> seenByBob = chatMessages(bob, 100);
        for (List<JsonObject> seen : List.of(seenByAlice, seenByBob)) {
            List<Long> seqs = seen.stream().map(m -> m.getLong("seq")).sorted().toList();
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }
        Map<Long, String> bySeq = new TreeMap<>();
        seenByAlice.forEach(m -> bySeq.put(m.getLong("seq"), m.getString("message")));
        seenByBob.forEach(m -> assertThat(bySeq.get(m.getLong("seq"))).as("seq %d", m.getLong("seq"))
                .isEqualTo(m.getString("message")));
        for (String sender : List.of("a", "b")) {
            List<String> inSeqOrder = bySeq.values().stream().filter(text -> text.startsWith(sender)).toList();
            assertThat(inSeqOrder).as("%s's messages in seq order", sender)
                    .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> sender + i).toList());
        }
    }

    private static void sendMany(WebSocketTestClient client, String prefix) {
        for (int i = 0; i < 50; i++) {
            client.send(new JsonObject().put("type", "chat.send").put("message", prefix + i));
        }
    }

    /** The next {@code count} chat messages, skipping acks, presence and typing frames. */
    private static List<JsonObject> chatMessages(WebSocketTestClient client, int count) {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            messages.add(client.receiveJsonOfType("chat.message"));
        }
        return messages;
    }

    @Test
    void bothAreReady() throws Exception {
        for (GatewayProcess gateway : new GatewayProcess[] {first, second}) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.managementPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
    }

    private static URI ws(GatewayProcess gateway, String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }
}
