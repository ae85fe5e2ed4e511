package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Strikes;
import dev.parley.consumers.testing.WebsocketCommunicator;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's rate limits, the chat's message rate and the frame-rate middleware in front of it: refused frames, then a close for a flood. */
class ChatRateLimitTest extends ChatConsumerFixture {

    @Test
    void messagesOverTheUsersRateAreRefusedWithTheirClientIdAndNotPosted() {
        floodControl = new FloodControl(1); // a burst of 3 messages, then one a second
        WebsocketCommunicator alice = richClient("lobby", "alice");

        for (int i = 1; i <= 4; i++) {
            alice.sendJson(new JsonObject().put("type", "chat.send").put("message", "m" + i).put("client_id", "c" + i));
        }
        int acked = 0;
        JsonObject refused = null;
        while (refused == null) {
            JsonObject frame = alice.receiveJson();
            if (frame.getString("type").equals("chat.ack")) {
                acked++;
            } else if (frame.getString("type").equals("error")) {
                refused = frame;
            }
        }
        assertThat(acked).isEqualTo(3);
        assertThat(refused.getString("code")).isEqualTo("rate_limited");
        assertThat(refused.getString("client_id")).isEqualTo("c4");
        assertThat(store.latest("lobby", 10).toCompletionStage().toCompletableFuture().join().messages())
                .hasSize(3);
    }

    @Test
    void theLimitIsPerSignedInUserAcrossTheirConnections() {
        floodControl = new FloodControl(1);
        WebsocketCommunicator first = signedInTutorialClient("lobby", "bob");
        WebsocketCommunicator second = signedInTutorialClient("lobby", "bob");

        for (int i = 0; i < 3; i++) {
            first.sendJson(new JsonObject().put("message", "from the first tab " + i));
        }
        for (int i = 0; i < 3; i++) {
            first.receiveJson(); // the three messages reach both tabs
            second.receiveJson();
        }
        second.sendJson(new JsonObject().put("message", "from the second tab"));
        assertThat(second.receiveJson().getString("code")).isEqualTo("rate_limited");
    }

    /** Issue 17, finding 4: a guest's name proves nothing, so taking it must not spend its owner's allowance. */
    @Test
    void guestsWithTheSameNameHaveAnAllowanceEach() {
        floodControl = new FloodControl(1);
        WebsocketCommunicator attacker = tutorialClient("lobby", "carol");
        WebsocketCommunicator victim = tutorialClient("lobby", "carol");

        for (int i = 0; i < 3; i++) {
            attacker.sendJson(new JsonObject().put("message", "spending " + i));
        }
        for (int i = 0; i < 3; i++) {
            attacker.receiveJson();
            victim.receiveJson();
        }
        victim.sendJson(new JsonObject().put("message", "my own"));
        JsonObject answer = victim.receiveJson();
        assertThat(answer.getString("code")).isNull();
        assertThat(answer.getString("message")).isEqualTo("my own");
    }

    @Test
    void aConnectionThatFloodsIsClosedWith1008() {
        framesPerSecond = 1; // a burst of 2 frames, then one a second
        WebsocketCommunicator flooder = tutorialClient("lobby", "mallory");

        for (int i = 0; i < Strikes.TO_CLOSE + 5; i++) {
            flooder.sendText("not json " + i);
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 2 + Strikes.TO_CLOSE - 1; i++) {
            JsonObject error = flooder.receiveJson();
            assertThat(error.getString("type")).isEqualTo("error");
            codes.add(error.getString("code"));
        }
        // The burst of 2 is read (and is not JSON); each later frame is refused, and the 30th refusal closes.
        assertThat(codes.subList(0, 2)).containsOnly("invalid_json");
        assertThat(codes.subList(2, codes.size())).hasSize(Strikes.TO_CLOSE - 1).containsOnly("rate_limited");
        WebsocketCommunicator.Output.Close close = flooder.receiveClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).contains("flooding");
    }

    @Test
    void pingsCountAgainstTheFrameRateAndAFloodOfThemIsClosedWith1008WithoutErrorFrames() {
        framesPerSecond = 1; // a burst of 2 frames, then one a second
        WebsocketCommunicator flooder = tutorialClient("lobby", "mallory");

        // The burst of 2 is allowed; each later ping is refused, and the 30th refusal closes.
        for (int i = 0; i < 2 + Strikes.TO_CLOSE; i++) {
            flooder.sendPing();
        }
        WebsocketCommunicator.Output.Close close = flooder.receiveClose();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).contains("flooding");
    }

    @Test
    void pingsWithinTheRateLeaveTheConnectionOpenAndUnanswered() {
        framesPerSecond = 1;
        WebsocketCommunicator client = tutorialClient("lobby", "carol");

        for (int i = 0; i < Strikes.TO_CLOSE - 1; i++) {
            client.sendPing(); // over the rate, but too few refusals to close
        }
        client.receiveNothing();
    }
}
