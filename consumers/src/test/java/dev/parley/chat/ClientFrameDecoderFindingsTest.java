package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.chat.ClientFrame.Refused;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;

/** What the fuzzing found in the decoder, each as the smallest frame that showed it, kept so it stays fixed. */
class ClientFrameDecoderFindingsTest {

    private static final int MAX = ChatSettings.DEFAULT_MAX_MESSAGE_LENGTH;

    @Example
    void aNumberWiderThanALongIsRefusedRatherThanWrappedAround() {
        assertRefused(WireMode.RICH, "{\"type\": \"history.before\", \"before\": 18446744073709551617}", ErrorCode.INVALID_REQUEST);
        assertRefused(WireMode.RICH, "{\"type\": \"history.after\", \"after\": 0, \"limit\": 18446744073709551617}",
                ErrorCode.INVALID_REQUEST);
    }

    @Example
    void aRefusalNeverSplitsACharacterOfTheClientsInput() {
        // 41 UTF-16 units: the 40-unit cut that the detail makes of a type name would fall inside the emoji.
        JsonObject frame = new JsonObject().put("type", "a".repeat(39) + "😀");

        Refused refused = (Refused) new ClientFrameDecoder(WireMode.RICH, MAX).decode(frame);

        String shown = ClientFrameDecoderPropertiesTest.abbreviated(refused.detail());
        assertThat(refused.detail()).as("detail %s", shown).contains("\"" + "a".repeat(39) + "…\"")
                .doesNotContain("\ud83d").doesNotContain("😀");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(refused.detail()))
                .as("detail %s is text UTF-8 can carry", shown).isTrue();
    }

    @Example
    void aMessageThatIsNotWellFormedUnicodeIsRefused() {
        assertThat(decode(WireMode.TUTORIAL, "{\"message\": \"hi \\ud800\"}")).isInstanceOf(Refused.class);
    }

    @Example
    void aClientIdOf64CharactersIsAcceptedWhateverItsCharacters() {
        String id = "😀".repeat(33);

        ClientFrame decoded = decode(WireMode.RICH, new JsonObject().put("type", "chat.send").put("message", "hi")
                .put("client_id", id).encode());

        assertThat(decoded).isEqualTo(new ClientFrame.Post("hi", java.util.Optional.of(id)));
    }

    @Example
    void aMessageOfNoBreakSpacesIsEmpty() {
        assertRefused(WireMode.TUTORIAL, "{\"message\": \"\\u00a0\\u2007\\u202f\"}", ErrorCode.EMPTY_MESSAGE);
    }

    private static void assertRefused(WireMode mode, String text, ErrorCode code) {
        ClientFrame decoded = decode(mode, text);
        assertThat(decoded).as("decoding %s", text).isInstanceOf(Refused.class);
        assertThat(((Refused) decoded).code()).isEqualTo(code);
    }

    private static ClientFrame decode(WireMode mode, String text) {
        return new ClientFrameDecoder(mode, MAX).decode(new JsonObject(text));
    }
}
