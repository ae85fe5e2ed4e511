package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.EventStreamClient.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Editing and deleting your own messages (docs/protocol.md, "Editing and deleting"), against a gateway in this
 * process on the embedded store, with real WebSocket clients in both modes, HTTP history and the event stream.
 */
class MessageEditsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(GatewayConfig.defaults().withLimits(Limits.defaults().withoutRateLimits()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void anEditAndADeletionReachEveryClientInBothModesAndHistoryShowsTheCurrentState() throws Exception {
        String room = room();
        String alice = "alice-" + room.substring(room.length() - 6);
        WebSocketTestClient author = rich(room, alice);
        WebSocketTestClient bob = rich(room, "bob");
        WebSocketTestClient tutorial = WebSocketTestClient.connect(ws(room, ""));
        long first = post(author, "helo", "c1");
        long second = post(author, "second", "c2");
        bob.receiveJsonOfType("chat.message");
        bob.receiveJsonOfType("chat.message");
        tutorial.receiveJson();
        tutorial.receiveJson();

        author.send(new JsonObject().put("type", "chat.edit").put("seq", first).put("message", "hello")
                .put("client_id", "e1"));

        JsonObject edit = bob.receiveJsonOfType("chat.edit");
        assertThat(edit.getString("room")).isEqualTo(room);
        assertThat(edit.getLong("seq")).isEqualTo(second + 1);
        assertThat(edit.getLong("target")).isEqualTo(first);
        assertThat(edit.getString("user")).isEqualTo(alice);
        assertThat(edit.getString("message")).isEqualTo("hello");
        assertThat(edit.getString("client_id")).isEqualTo("e1");
        assertThat(edit.getString("sent_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // The ack and the author's own copy of the edit may come in either order.
        Map<String, JsonObject> toAuthor = receiveEach(author, "chat.edit", "chat.ack");
        assertThat(toAuthor.get("chat.edit")).isEqualTo(edit);
        JsonObject ack = toAuthor.get("chat.ack");
        assertThat(ack.getString("client_id")).isEqualTo("e1");
        assertThat(ack.getLong("seq")).isEqualTo(second + 1);
        assertThat(ack.containsKey("duplicate")).isFalse();
        JsonObject tutorialEdit = tutorial.receiveJson();
        assertThat(tutorialEdit.getString("type")).isEqualTo("chat.edit");
        assertThat(tutorialEdit.getLong("target")).isEqualTo(first);
        assertThat(tutorialEdit.getValue("message")).isEqualTo(alice + " edited a message: hello");
        assertThat(tutorialEdit.containsKey("client_id")).isFalse();

        author.send(new JsonObject().put("type", "chat.delete").put("seq", second).put("client_id", "d1"));

        JsonObject delete = bob.receiveJsonOfType("chat.delete");
        assertThat(delete.getLong("seq")).isEqualTo(second + 2);
        assertThat(delete.getLong("target")).isEqualTo(second);
        assertThat(delete.getString("user")).isEqualTo(alice);
        assertThat(delete.containsKey("message")).as("a deletion has no text").isFalse();
        assertThat(author.receiveJsonOfType("chat.ack").getLong("seq")).isEqualTo(second + 2);
        JsonObject tutorialDelete = tutorial.receiveJson();
        assertThat(tutorialDelete.getString("type")).isEqualTo("chat.delete");
        assertThat(tutorialDelete.getValue("message")).isEqualTo(alice + " deleted a message");

        // A retry of the edit is answered as a duplicate, and nobody sees it twice.
        author.send(new JsonObject().put("type", "chat.edit").put("seq", first).put("message", "hello")
                .put("client_id", "e1"));
        JsonObject retried = author.receiveJsonOfType("chat.ack");
        assertThat(retried.getBoolean("duplicate")).isTrue();
        assertThat(retried.getLong("seq")).isEqualTo(second + 1);
        bob.receiveNothing();

        // A client joining now gets the events in seq order and the messages as they are now.
        WebSocketTestClient carol = WebSocketTestClient.connect(ws(room, "?name=carol"), "parley.v1");
        JsonArray history = carol.receiveJsonOfType("history").getJsonArray("messages");
        assertThat(history).extracting(m -> ((JsonObject) m).getString("type"))
                .containsExactly("chat.message", "chat.message", "chat.edit", "chat.delete");
        assertThat(history.getJsonObject(0).getString("message")).isEqualTo("hello");
        assertThat(history.getJsonObject(0).getString("edited_at")).isEqualTo(edit.getString("sent_at"));
        assertThat(history.getJsonObject(1).getString("message")).isEmpty();
        assertThat(history.getJsonObject(1).getBoolean("deleted")).isTrue();
        assertThat(history.getJsonObject(2)).isEqualTo(edit);

        JsonArray overHttp = httpHistory(room);
        assertThat(overHttp).extracting(m -> ((JsonObject) m).getString("type"))
                .containsExactly("chat.message", "chat.message", "chat.edit", "chat.delete");
        assertThat(overHttp.getJsonObject(0).getString("message")).isEqualTo("hello");
        assertThat(overHttp.getJsonObject(0).getString("edited_at")).isEqualTo(edit.getString("sent_at"));
        assertThat(overHttp.getJsonObject(1).getBoolean("deleted")).isTrue();
        assertThat(overHttp.getJsonObject(1).getString("message")).isEmpty();
        assertThat(overHttp.getJsonObject(2).getLong("target")).isEqualTo(first);

        // The event stream replays them as events of their own.
        try (EventStreamClient stream = EventStreamClient.open(URI.create("http://127.0.0.1:" + gateway.port()
                + "/api/rooms/" + room + "/events?after=0"), Map.of())) {
            List<Event> events = List.of(stream.next(), stream.next(), stream.next(), stream.next());
            assertThat(events).extracting(Event::event).containsExactly("message", "message", "edit", "delete");
            assertThat(new JsonObject(events.get(2).data()).getLong("target")).isEqualTo(first);
            author.send(new JsonObject().put("type", "chat.edit").put("seq", first).put("message", "hello again"));
            Event live = stream.next();
            assertThat(live.event()).isEqualTo("edit");
            assertThat(new JsonObject(live.data()).getString("message")).isEqualTo("hello again");
        }
    }

    @Test
    void onlyTheAuthorMayEditOrDeleteAndOnlyAMessageThatIsThere() {
        String room = room();
        WebSocketTestClient alice = rich(room, "alice");
        WebSocketTestClient bob = rich(room, "bob");
        long hers = post(alice, "alice's", "a1");

        bob.send(new JsonObject().put("type", "chat.edit").put("seq", hers).put("message", "bob was here")
                .put("client_id", "b1"));
        JsonObject refused = bob.receiveJsonOfType("error");
        assertThat(refused.getString("code")).isEqualTo("not_your_message");
        assertThat(refused.getString("client_id")).isEqualTo("b1");
        bob.send(new JsonObject().put("type", "chat.delete").put("seq", hers));
        assertThat(bob.receiveJsonOfType("error").getString("code")).isEqualTo("not_your_message");

        alice.send(new JsonObject().put("type", "chat.delete").put("seq", 99));
        assertThat(alice.receiveJsonOfType("error").getString("code")).isEqualTo("no_such_message");
        alice.send(new JsonObject().put("type", "chat.delete").put("seq", hers));
        long deletion = alice.receiveJsonOfType("chat.ack").getLong("seq");
        alice.send(new JsonObject().put("type", "chat.edit").put("seq", hers).put("message", "back"));
        assertThat(alice.receiveJsonOfType("error").getString("code")).as("already deleted")
                .isEqualTo("no_such_message");
        alice.send(new JsonObject().put("type", "chat.delete").put("seq", deletion));
        assertThat(alice.receiveJsonOfType("error").getString("code")).as("a deletion's seq")
                .isEqualTo("no_such_message");

        alice.send(new JsonObject().put("type", "chat.edit").put("seq", hers).put("message", " "));
        assertThat(alice.receiveJsonOfType("error").getString("code")).isEqualTo("empty_message");
        alice.send(new JsonObject().put("type", "chat.edit").put("seq", "one").put("message", "x"));
        assertThat(alice.receiveJsonOfType("error").getString("code")).isEqualTo("invalid_field");
    }

    @Test
    void aGuestEditsWhatItPostedOnThisConnectionButNotAfterReconnecting() {
        String room = room();
        String name = "typoist";
        WebSocketTestClient first = rich(room, name);
        long posted = post(first, "typo", null);

        first.send(new JsonObject().put("type", "chat.edit").put("seq", posted).put("message", "fixed"));
        assertThat(first.receiveJsonOfType("chat.edit").getString("message")).isEqualTo("fixed");
        first.close();

        WebSocketTestClient again = rich(room, name);
        again.send(new JsonObject().put("type", "chat.edit").put("seq", posted).put("message", "fixed twice"));
        assertThat(again.receiveJsonOfType("error").getString("code")).isEqualTo("not_your_message");
    }

    @Test
    void aSignedInUserEditsTheirMessagesFromAnyConnection() throws Exception {
        String room = room();
        String name = "Ed" + UUID.randomUUID().toString().substring(0, 6);
        String cookie = signUp(name);
        WebSocketTestClient first = WebSocketTestClient.connectWith(Map.of("Cookie", cookie), ws(room, ""),
                "parley.v1");
        first.receiveJsonOfType("history");
        long posted = post(first, "before", null);
        first.close();

        WebSocketTestClient again = WebSocketTestClient.connectWith(Map.of("Cookie", cookie), ws(room, ""),
                "parley.v1");
        again.receiveJsonOfType("history");
        again.send(new JsonObject().put("type", "chat.edit").put("seq", posted).put("message", "after"));

        JsonObject edit = again.receiveJsonOfType("chat.edit");
        assertThat(edit.getString("user")).isEqualTo(name);
        assertThat(httpHistory(room).getJsonObject(0).getString("message")).isEqualTo("after");
    }

    /** The next frame of each of these types, in whichever order they come, skipping others. */
    private static Map<String, JsonObject> receiveEach(WebSocketTestClient client, String... types) {
        Map<String, JsonObject> byType = new HashMap<>();
        while (byType.size() < types.length) {
            JsonObject frame = client.receiveJson();
            if (List.of(types).contains(frame.getString("type"))) {
                byType.putIfAbsent(frame.getString("type"), frame);
            }
        }
        return byType;
    }

    private static WebSocketTestClient rich(String room, String name) {
        WebSocketTestClient client = WebSocketTestClient.connect(ws(room, "?name=" + name), "parley.v1");
        client.receiveJsonOfType("history");
        return client;
    }

    private static long post(WebSocketTestClient client, String text, String clientId) {
        JsonObject send = new JsonObject().put("type", "chat.send").put("message", text);
        if (clientId != null) {
            send.put("client_id", clientId);
        }
        client.send(send);
        return client.receiveJsonOfType("chat.ack").getLong("seq");
    }

    private static JsonArray httpHistory(String room) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.port() + "/api/rooms/" + room + "/messages")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("messages");
    }

    private static String signUp(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/api/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("name", name).put("password", "long enough").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String room() {
        return "edits-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static URI ws(String room, String query) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/" + room + "/" + query);
    }
}
