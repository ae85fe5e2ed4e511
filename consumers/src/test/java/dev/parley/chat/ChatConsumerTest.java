package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.consumers.testing.WebsocketCommunicator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat consumer through the harness: the tutorial contract, rooms, the rich protocol, presence and bad input. */
class ChatConsumerTest extends ChatConsumerFixture {

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
    private void assertError(WebsocketCommunicator client, String frame, String code) {
        client.sendText(frame);
        JsonObject error = client.receiveJson();
        assertThat(error.getString("type")).as("reply to %s", frame).isEqualTo("error");
        assertThat(error.getString("code")).as("code for %s", frame).isEqualTo(code);
        assertThat(error.getString("message")).as("message for %s", frame).startsWith("Error: ");
    }
}
