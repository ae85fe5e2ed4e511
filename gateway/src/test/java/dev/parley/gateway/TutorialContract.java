package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * The Django Channels tutorial's contract, checked against a running server: a client with no subprotocol sends
 * {@code {"message": "hi"}}; every client of the room, the sender included, receives an object whose
 * {@code message} is "hi", with the fields of docs/protocol.md; a client of another room receives nothing.
 */
final class TutorialContract {

    private TutorialContract() {
    }

    static void check(int port, String room) {
        WebSocketTestClient alice = WebSocketTestClient.connect(uri(port, room));
        WebSocketTestClient bob = WebSocketTestClient.connect(uri(port, room));
        WebSocketTestClient elsewhere = WebSocketTestClient.connect(uri(port, room + "-other"));
        assertThat(alice.subprotocol()).isEmpty();

        alice.send("{\"message\": \"hi\"}");

        for (WebSocketTestClient client : new WebSocketTestClient[] {alice, bob}) {
            JsonObject frame = client.receiveJson();
            assertThat(frame.getValue("message")).isEqualTo("hi");
            assertThat(frame.getString("type")).isEqualTo("chat.message");
            assertThat(frame.getString("room")).isEqualTo(room);
            assertThat(frame.getString("user")).matches("guest-[a-z0-9]{6}");
            assertThat(frame.getString("sent_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        alice.receiveNothing();
        bob.receiveNothing();
        elsewhere.receiveNothing();
        alice.close();
        bob.close();
        elsewhere.close();
    }

    private static URI uri(int port, String room) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room + "/");
    }
}
