package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.testing.WebsocketCommunicator;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 3, in the chat consumer: a guest holding a name that somebody registers (or a look-alike of
 * it) is renamed, told why in rich mode, and its messages say it is a guest; tutorial clients just go on.
 */
class GuestNamesTest extends ChatConsumerFixture {

    @Test
    void aRichGuestIsRenamedWhenItsNameIsRegisteredAndSaysSoOnItsMessages() throws Exception {
        WebsocketCommunicator guest = richClient("lobby", "\u0434\u043E\u0440\u0430"); // not a look-alike of dora
        WebsocketCommunicator olga = richClient("lobby", "\u043Elga"); // Cyrillic о
        guest.receiveJson(); // olga joined

        registered("Olga");

        JsonObject renamed = olga.receiveJson();
        assertThat(renamed.getString("type")).isEqualTo("renamed");
        assertThat(renamed.getString("previous")).isEqualTo("\u043Elga");
        String newName = renamed.getString("user");
        assertThat(newName).startsWith("guest-");
        assertThat(renamed.getString("reason")).contains("registered");
        assertThat(guest.receiveJson()).isEqualTo(new JsonObject().put("type", "presence.leave").put("room", "lobby")
                .put("user", "\u043Elga"));
        assertThat(guest.receiveJson()).isEqualTo(new JsonObject().put("type", "presence.join").put("room", "lobby")
                .put("user", newName));

        olga.sendJson(new JsonObject().put("type", "chat.send").put("message", "hello").put("client_id", "c1"));
        JsonObject message = guest.receiveJson();
        assertThat(message.getString("user")).isEqualTo(newName);
        assertThat(message.getBoolean("guest")).isTrue();
        assertThat(message.getString("client_id")).isEqualTo("c1");
    }

    @Test
    void aTutorialGuestKeepsWorkingUnderItsNewNameAndItsFramesKeepTheirShape() throws Exception {
        WebsocketCommunicator olga = tutorialClient("lobby", "olga.");

        registered("olga");
        olga.receiveNothing(); // tutorial clients get no renamed frame

        olga.sendJson(new JsonObject().put("message", "still here"));
        JsonObject message = olga.receiveJson();
        assertThat(message.getString("user")).startsWith("guest-");
        assertThat(message.fieldNames()).containsExactlyInAnyOrder("type", "room", "seq", "user", "message", "sent_at");
    }

    @Test
    void otherGuestsAndSignedInUsersKeepTheirNames() throws Exception {
        WebsocketCommunicator olgas = tutorialClient("lobby", "olgas");
        WebsocketCommunicator member = signedInTutorialClient("lobby", "olga");

        registered("olga");

        member.sendJson(new JsonObject().put("message", "me"));
        assertThat(member.receiveJson().getString("user")).isEqualTo("olga");
        assertThat(olgas.receiveJson().getString("user")).isEqualTo("olga");
        olgas.sendJson(new JsonObject().put("message", "me too"));
        assertThat(olgas.receiveJson().getString("user")).isEqualTo("olgas");
    }

    /** What the gateway sends when somebody signs up. */
    private void registered(String name) throws Exception {
        layer.groupSend(NameRegistered.group(name), new NameRegistered(name).toEvent())
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
