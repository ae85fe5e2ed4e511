package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.ClientFrame.Amend;
import dev.parley.chat.ClientFrame.Post;
import dev.parley.chat.ClientFrame.Refused;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** chat.edit and chat.delete: how they are decoded in each mode and framed for each (docs/protocol.md). */
class AmendFramesTest {

    private static final ClientFrameDecoder RICH = new ClientFrameDecoder(WireMode.RICH, 10);

    @Test
    void richClientsEditAndDeleteByTheMessagesSeq() {
        assertThat(RICH.decode(new JsonObject("{\"type\":\"chat.edit\",\"seq\":42,\"message\":\"new\",\"client_id\":\"e1\"}")))
                .isEqualTo(new Amend(42, Optional.of("new"), Optional.of("e1")));
        assertThat(RICH.decode(new JsonObject("{\"type\":\"chat.delete\",\"seq\":42}")))
                .isEqualTo(new Amend(42, Optional.empty(), Optional.empty()));
    }

    @Test
    void theNewTextIsCheckedAsAPostsAndTheSeqMustBeOne() {
        assertThat(code("{\"type\":\"chat.edit\",\"seq\":1,\"message\":\"  \"}")).isEqualTo(ErrorCode.EMPTY_MESSAGE);
        assertThat(code("{\"type\":\"chat.edit\",\"seq\":1,\"message\":\"12345678901\"}"))
                .isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
        assertThat(code("{\"type\":\"chat.edit\",\"seq\":1}")).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(code("{\"type\":\"chat.delete\",\"seq\":0}")).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(code("{\"type\":\"chat.delete\",\"seq\":\"7\"}")).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void tutorialClientsOnlyPostAsBefore() {
        ClientFrameDecoder tutorial = new ClientFrameDecoder(WireMode.TUTORIAL, 10);
        assertThat(tutorial.decode(new JsonObject("{\"type\":\"chat.edit\",\"seq\":1,\"message\":\"hi\"}")))
                .isEqualTo(new Post("hi", Optional.empty()));
    }

    @Test
    void tutorialFramesHaveAStringMessageAndRichOnesTheEventAsItIs() {
        Instant at = Instant.parse("2026-11-22T04:05:06.789Z");
        ChatAmendment edit = new ChatAmendment("lobby", 57, 42, "alice", Optional.of("new text"), at, Optional.of("e1"));
        ChatAmendment delete = new ChatAmendment("lobby", 58, 42, "alice", Optional.empty(), at, Optional.empty());

        assertThat(edit.toFrame(WireMode.RICH)).isEqualTo(new JsonObject("{\"type\":\"chat.edit\",\"room\":\"lobby\","
                + "\"seq\":57,\"target\":42,\"user\":\"alice\",\"message\":\"new text\","
                + "\"sent_at\":\"2026-11-22T04:05:06.789Z\",\"client_id\":\"e1\"}"));
        assertThat(delete.toFrame(WireMode.RICH).containsKey("message")).isFalse();
        assertThat(edit.toFrame(WireMode.TUTORIAL).getValue("message")).isEqualTo("alice edited a message: new text");
        assertThat(edit.toFrame(WireMode.TUTORIAL).containsKey("client_id")).isFalse();
        assertThat(delete.toFrame(WireMode.TUTORIAL).getValue("message")).isEqualTo("alice deleted a message");
        assertThat(ChatMessage.frameOf(edit.toEvent(), WireMode.TUTORIAL))
                .isEqualTo(edit.toFrame(WireMode.TUTORIAL).encode());
    }

    private static ErrorCode code(String frame) {
        return ((Refused) RICH.decode(new JsonObject(frame))).code();
    }
}
