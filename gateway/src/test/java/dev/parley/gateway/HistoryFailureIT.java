package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What history promises when things break: a database outage, and a gateway killed with SIGKILL. */
class HistoryFailureIT {

    @Test
    void whileTheDatabaseIsDownSendersAreToldAndNothingIsLostOnceItIsBack() throws Exception {
        String database = TestPostgres.freshDatabase("db-outage");
        String name = database.substring(database.lastIndexOf('/') + 1);
        // Changes to our database are made from the server's maintenance database, not from inside it.
        String maintenance = database.substring(0, database.lastIndexOf('/') + 1) + "postgres";
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("CHAT_DATABASE_URL", database))) {
            WebSocketTestClient alice = rich(gateway, "outage");
            assertThat(send(alice, "before", "c-1").getLong("seq")).isEqualTo(1L);

            TestPostgres.execute(maintenance, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            TestPostgres.execute(maintenance, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + name + "' AND pid <> pg_backend_pid()");
            try {
                alice.send(chatSend("during", "c-2"));
                JsonObject refused = alice.receiveJsonOfType("error");
                assertThat(refused.getString("code")).isEqualTo("unavailable");
                assertThat(refused.getString("client_id")).isEqualTo("c-2");
                Eventually.await(() -> "down".equals(gateway.readinessBody().getString("store")),
                        "readiness to report the store down");
                // A database down is down for every gateway: they stay ready (docs/operations.md).
                assertThat(gateway.readiness()).isEqualTo(200);
            } finally {
                TestPostgres.execute(maintenance, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
            }

            Eventually.await(() -> "up".equals(gateway.readinessBody().getString("store")),
                    "the pool to recover by itself");
            JsonObject retried = send(alice, "during", "c-2");
            assertThat(retried.getLong("seq")).isEqualTo(2L);
            assertThat(retried.containsKey("duplicate")).as("it was never stored").isFalse();
            assertThat(texts(gateway, "outage")).containsExactly("before", "during");
        }
    }

    @Test
    void aGatewayKilledWithSigkillLosesNoAcknowledgedMessage() throws Exception {
        String database = TestPostgres.freshDatabase("sigkill");
        Map<Long, String> acked = new HashMap<>();
        // 300 sends at once, which the default rate limits would refuse (SecurityIT tests those).
        try (GatewayProcess doomed = GatewayProcess.start(Map.of("CHAT_DATABASE_URL", database,
                "CHAT_FRAMES_PER_SECOND", "0", "CHAT_MESSAGES_PER_SECOND", "0"))) {
            WebSocketTestClient sender = rich(doomed, "sigkill");
            for (int i = 0; i < 300; i++) {
                sender.send(chatSend("m" + i, "c-" + i));
            }
            // Collect acks until 100 have come, then kill the gateway in the middle of the stream.
            while (acked.size() < 100) {
                JsonObject ack = sender.receiveJsonOfType("chat.ack");
                acked.put(ack.getLong("seq"), ack.getString("client_id"));
            }
            doomed.kill();
            sender.receiveJsonWithin(1_000).ifPresent(frame -> { });
        }

        try (GatewayProcess survivor = GatewayProcess.start(Map.of("CHAT_DATABASE_URL", database))) {
            Map<Long, String> stored = new HashMap<>();
            for (JsonObject message : messages(survivor, "sigkill")) {
                stored.put(message.getLong("seq"), message.getString("message"));
            }
            acked.forEach((seq, clientId) -> assertThat(stored.get(seq)).as("acknowledged seq %d", seq)
                    .isEqualTo("m" + clientId.substring(2)));
        }
    }

    private static WebSocketTestClient rich(GatewayProcess gateway, String room) {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/" + room + "/?name=alice"), "parley.v1");
        client.receiveJsonOfType("history");
        return client;
    }

    private static JsonObject send(WebSocketTestClient client, String text, String clientId) {
        client.send(chatSend(text, clientId));
        return client.receiveJsonOfType("chat.ack");
    }

    private static JsonObject chatSend(String text, String clientId) {
        return new JsonObject().put("type", "chat.send").put("message", text).put("client_id", clientId);
    }

    private static java.util.List<String> texts(GatewayProcess gateway, String room) throws Exception {
        return messages(gateway, room).stream().map(m -> m.getString("message")).toList();
    }

    /** Every message of the room, through the HTTP API, oldest first. */
    private static java.util.List<JsonObject> messages(GatewayProcess gateway, String room) throws Exception {
        java.util.List<JsonObject> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonObject page = new JsonObject(get(gateway, "/api/rooms/" + room + "/messages?after=" + after + "&limit=200"));
            JsonArray messages = page.getJsonArray("messages");
            messages.forEach(m -> all.add((JsonObject) m));
            if (!page.getBoolean("has_more")) {
                return all;
            }
            after = all.get(all.size() - 1).getLong("seq");
        }
    }

    private static String get(GatewayProcess gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }


}
