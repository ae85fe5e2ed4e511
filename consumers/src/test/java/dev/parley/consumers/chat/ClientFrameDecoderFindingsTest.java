package dev.parley.consumers.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.consumers.chat.ClientFrame.Refused;
import io.vertx.core.json.JsonObject;
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
        JsonObject frame = new JsonObject().put("type", "a".repeat(39) + "😀");

        Refused refused = (Refused) new ClientFrameDecoder(WireMode.RICH, MAX).decode(frame);

        assertThat(isWellFormed(refused.detail())).as("detail %s", ClientFrameDecoderPropertiesTest.abbreviated(refused.detail()))
                .isTrue();
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

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
