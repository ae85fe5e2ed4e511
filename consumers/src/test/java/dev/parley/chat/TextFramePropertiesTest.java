package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import dev.parley.consumers.JsonConsumer;
import dev.parley.consumers.JsonConsumer.JsonProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Text frames before the decoder: {@link JsonConsumer#receiveText} turns any text into a JSON object or a
 * {@link JsonProblem} (which the chat consumer answers with {@code invalid_json} or {@code invalid_frame}), and never
 * throws, whatever the text: random characters, truncated JSON, nesting thousands deep.
 */
class TextFramePropertiesTest {

    @Property(tries = 3_000)
    void anyTextIsAnObjectOrAProblemAndNeverAnException(@ForAll("anyText") String text) {
        Received received = receive(text);

        assertThat(received.object().isPresent() ^ received.problem().isPresent())
                .as("exactly one outcome for %s", ClientFrameDecoderPropertiesTest.abbreviated(text)).isTrue();
    }

    @Property(tries = 3_000)
    void textThatIsNotJsonIsReportedAsNotJson(@ForAll("notJson") String text) {
        assertThat(receive(text).problem()).as("problem with %s", ClientFrameDecoderPropertiesTest.abbreviated(text))
                .contains(JsonProblem.NOT_JSON);
    }

    @Property(tries = 2_000)
    void jsonThatIsNotAnObjectIsReportedAsNotAnObject(@ForAll("jsonButNotAnObject") String text) {
        assertThat(receive(text).problem()).as("problem with %s", ClientFrameDecoderPropertiesTest.abbreviated(text))
                .contains(JsonProblem.NOT_AN_OBJECT);
    }

    @Provide
    Arbitrary<String> anyText() {
        return HostileJson.arbitrary(HostileText::anyText);
    }

    @Provide
    Arbitrary<String> notJson() {
        return HostileJson.arbitrary(HostileText::notJson);
    }

    @Provide
    Arbitrary<String> jsonButNotAnObject() {
        return HostileJson.arbitrary(HostileText::jsonButNotAnObject);
    }

    private static Received receive(String text) {
        RecordingConsumer consumer = new RecordingConsumer();
        try {
            consumer.receiveText(text);
        } catch (RuntimeException | StackOverflowError e) {
            fail("receiveText threw on %s: %s", ClientFrameDecoderPropertiesTest.abbreviated(text), e);
        }
        return consumer.received;
    }

    /** What a {@link RecordingConsumer} was handed. */
    private record Received(Optional<JsonObject> object, Optional<JsonProblem> problem) {
    }

    /** Keeps what {@link JsonConsumer#receiveText} handed on. */
    private static final class RecordingConsumer implements JsonConsumer {
        Received received = new Received(Optional.empty(), Optional.empty());

        @Override
        public Future<Void> receiveJson(JsonObject frame) {
            received = new Received(Optional.of(frame), received.problem());
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> receiveInvalidJson(String text, JsonProblem problem) {
            received = new Received(received.object(), Optional.of(problem));
            return Future.succeededFuture();
        }
    }
}
