package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Edits and deletions on two gateway processes sharing Postgres and Redis: seen live on the other gateway, kept
 * across a restart of both, and given to a client that resumes with {@code after=} on the other one.
 */
class EditsAcrossGatewaysIT {

    @Test
    void anEditAndADeletionSurviveARestartAndReachAClientResumingOnTheOtherGateway() throws Exception {
        Map<String, String> settings = Map.of(
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("edits"),
                "CHAT_REDIS_URL", TestRedis.url(),
                "CHAT_REDIS_KEY_PREFIX", TestRedis.uniquePrefix("edits"),
                "CHAT_FRAMES_PER_SECOND", "0",
                "CHAT_MESSAGES_PER_SECOND", "0");
        long held;
        try (GatewayProcess a = GatewayProcess.start(settings); GatewayProcess b = GatewayProcess.start(settings)) {
            WebSocketTestClient alice = WebSocketTestClient.connect(ws(a, "?name=alice"), "parley.v1");
            WebSocketTestClient bob = WebSocketTestClient.connect(ws(b, "?name=bob"), "parley.v1");
            alice.receiveJsonOfType("history");
            bob.receiveJsonOfType("history");
            alice.send(new JsonObject().put("type", "chat.send").put("message", "helo"));
            long first = alice.receiveJsonOfType("chat.ack").getLong("seq");
            alice.send(new JsonObject().put("type", "chat.send").put("message", "oops"));
            long second = alice.receiveJsonOfType("chat.ack").getLong("seq");
            held = bob.receiveJsonOfType("chat.message").getLong("seq");
            held = Math.max(held, bob.receiveJsonOfType("chat.message").getLong("seq"));

            alice.send(new JsonObject().put("type", "chat.edit").put("seq", first).put("message", "hello"));
            assertThat(bob.receiveJsonOfType("chat.edit").getLong("target")).as("live on the other gateway")
                    .isEqualTo(first);
            assertThat(alice.receiveJsonOfType("chat.ack").getLong("seq")).isEqualTo(second + 1);
            alice.send(new JsonObject().put("type", "chat.delete").put("seq", second));
            assertThat(alice.receiveJsonOfType("chat.ack").getLong("seq")).isEqualTo(second + 2);
            // bob disconnects here, holding the two messages but (as far as a resume knows) not the events.
        }

        try (GatewayProcess a = GatewayProcess.start(settings); GatewayProcess b = GatewayProcess.start(settings)) {
            WebSocketTestClient resumed = WebSocketTestClient.connect(ws(b, "?name=bob&after=" + held), "parley.v1");
            JsonObject history = resumed.receiveJsonOfType("history");
            assertThat(history.getBoolean("resumed")).isTrue();
            JsonArray missed = history.getJsonArray("messages");
            assertThat(missed).extracting(m -> ((JsonObject) m).getString("type"))
                    .containsExactly("chat.edit", "chat.delete");
            assertThat(missed.getJsonObject(0).getString("message")).isEqualTo("hello");
            assertThat(missed.getJsonObject(1).getLong("target")).isEqualTo(held);

            WebSocketTestClient fresh = WebSocketTestClient.connect(ws(b, "?name=carol"), "parley.v1");
            JsonArray all = fresh.receiveJsonOfType("history").getJsonArray("messages");
            assertThat(all.getJsonObject(0).getString("message")).isEqualTo("hello");
            assertThat(all.getJsonObject(0).containsKey("edited_at")).isTrue();
            assertThat(all.getJsonObject(1).getBoolean("deleted")).isTrue();

            HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + a.port() + "/api/rooms/edited/messages")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonArray overHttp = new JsonObject(http.body()).getJsonArray("messages");
            assertThat(overHttp.getJsonObject(0).getString("message")).isEqualTo("hello");
            assertThat(overHttp.getJsonObject(0).containsKey("edited_at")).isTrue();
            assertThat(overHttp.getJsonObject(1).getBoolean("deleted")).isTrue();
            assertThat(overHttp.getJsonObject(1).getString("message")).isEmpty();
        }
    }

    private static URI ws(GatewayProcess gateway, String query) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/edited/" + query);
    }
}
