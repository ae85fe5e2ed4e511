package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import dev.parley.chat.ClientFrame.HistoryAfter;
import dev.parley.chat.ClientFrame.HistoryBefore;
import dev.parley.chat.ClientFrame.Post;
import dev.parley.chat.ClientFrame.Refused;
import dev.parley.chat.ClientFrame.Typing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever JSON object a client sends, the decoder answers with a {@link ClientFrame} and never throws: a refusal
 * with a code and a short detail that does not echo the client's input, or a frame the server's rules allow.
 */
class ClientFrameDecoderPropertiesTest {

    /** Hostile frames decoded by {@link #anyObjectDecodesToAFrameTheRulesAllow}, on top of the consumer fuzz's. */
    static final int HOSTILE_FRAMES = 85_000;
    /** Longest detail a refusal may carry; the longest the decoder writes is about 140 characters. */
    static final int MAX_DETAIL_LENGTH = 200;
    /** Most characters of the client's input a refusal may repeat. */
    static final int MAX_ECHOED_INPUT = 40;

    private static final Set<ErrorCode> DECODER_CODES = EnumSet.of(ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_FIELD,
            ErrorCode.EMPTY_MESSAGE, ErrorCode.MESSAGE_TOO_LONG, ErrorCode.INVALID_REQUEST);
    private static final LongAdder hostileFramesDecoded = new LongAdder();

    @Property(tries = HOSTILE_FRAMES)
    void anyObjectDecodesToAFrameTheRulesAllow(@ForAll("frames") JsonObject frame, @ForAll WireMode mode,
                                               @ForAll("maxMessageLengths") int maxMessageLength) {
        ClientFrame decoded = decodeOrFail(frame, mode, maxMessageLength);
        hostileFramesDecoded.increment();
        Statistics.label("outcome").collect(mode, outcome(decoded));
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check(WireMode.RICH, "Post").percentage(p -> p > 2);
            coverage.check(WireMode.TUTORIAL, "Post").percentage(p -> p > 2);
            coverage.check(WireMode.RICH, "Typing").percentage(p -> p > 1);
            coverage.check(WireMode.RICH, "HistoryBefore").percentage(p -> p > 0.5);
            coverage.check(WireMode.RICH, "HistoryAfter").percentage(p -> p > 0.5);
        });

        if (decoded instanceof Refused refused) {
            assertRefusalIsShortAndOwn(refused, frame, mode);
        } else if (decoded instanceof Post post) {
            assertPostKeepsTheRules(post, frame, mode, maxMessageLength);
        } else if (decoded instanceof Typing typing) {
            assertRichFrameOfType(frame, mode, "typing");
            assertThat(frame.getValue("active")).isEqualTo(typing.active());
        } else if (decoded instanceof HistoryBefore page) {
            assertRichFrameOfType(frame, mode, "history.before");
            assertThat(page.before()).isGreaterThanOrEqualTo(1);
            assertThat(page.limit()).isBetween(1, ClientFrameDecoder.MAX_HISTORY_PAGE);
        } else {
            HistoryAfter page = (HistoryAfter) decoded;
            assertRichFrameOfType(frame, mode, "history.after");
            assertThat(page.after()).isGreaterThanOrEqualTo(0);
            assertThat(page.limit()).isBetween(1, ClientFrameDecoder.MAX_HISTORY_PAGE);
        }
    }

    @AfterContainer
    static void theHostilePropertyDecodedEveryFrameItPromised() {
        long decoded = hostileFramesDecoded.sum();
        if (decoded > 0) { // Zero when only other properties of this class were selected.
            assertThat(decoded).as("hostile frames through the decoder").isGreaterThanOrEqualTo(HOSTILE_FRAMES);
        }
    }

    @Property(tries = 3_000)
    void aKnownTypeWithAFieldOfTheWrongTypeIsRefusedWithItsCode(@ForAll("wrongFields") WrongField wrong) {
        JsonObject frame = wrong.frame();

        ClientFrame decoded = decodeOrFail(frame, WireMode.RICH, ChatSettings.DEFAULT_MAX_MESSAGE_LENGTH);

        assertThat(decoded).as("decoding %s", abbreviated(frame)).isInstanceOf(Refused.class);
        assertThat(((Refused) decoded).code()).as("code for %s", abbreviated(frame)).isEqualTo(wrong.expected());
    }

    @Property(tries = 3_000)
    void aWellFormedFrameWithExtraFieldsDecodesToExactlyWhatWasAsked(@ForAll("wellFormedFrames") WellFormed wellFormed) {
        ClientFrame decoded = decodeOrFail(wellFormed.frame(), wellFormed.mode(), ChatSettings.DEFAULT_MAX_MESSAGE_LENGTH);

        assertThat(abbreviated(decoded)).as("decoding %s", abbreviated(wellFormed.frame()))
                .isEqualTo(abbreviated(wellFormed.expected()));
    }

    @Provide
    Arbitrary<JsonObject> frames() {
        return HostileJson.arbitrary(HostileJson::frame);
    }

    @Provide
    Arbitrary<Integer> maxMessageLengths() {
        return Arbitraries.of(1, 2, 20, ChatSettings.DEFAULT_MAX_MESSAGE_LENGTH);
    }

    @Provide
    Arbitrary<WrongField> wrongFields() {
        return HostileJson.arbitrary(DecoderCases::wrongField);
    }

    @Provide
    Arbitrary<WellFormed> wellFormedFrames() {
        return HostileJson.arbitrary(DecoderCases::wellFormed);
    }

    static ClientFrame decodeOrFail(JsonObject frame, WireMode mode, int maxMessageLength) {
        ClientFrame decoded;
        try {
            decoded = new ClientFrameDecoder(mode, maxMessageLength).decode(frame);
        } catch (RuntimeException | StackOverflowError e) {
            return fail("the decoder threw on %s in %s mode: %s", abbreviated(frame), mode, e);
        }
        assertThat(decoded).as("the decoding of %s", abbreviated(frame)).isNotNull();
        return decoded;
    }

    private static void assertRefusalIsShortAndOwn(Refused refused, JsonObject frame, WireMode mode) {
        assertThat(refused.code()).isIn(DECODER_CODES);
        if (mode == WireMode.TUTORIAL) {
            assertThat(refused.code()).isNotIn(ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_REQUEST);
            assertThat(refused.clientId()).isEmpty();
        }
        assertThat(refused.detail()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_DETAIL_LENGTH);
        refused.clientId().ifPresent(id -> assertThat(frame.getValue("client_id")).isEqualTo(id));
        for (String input : stringsIn(frame)) {
            assertEchoesAtMost(MAX_ECHOED_INPUT, refused.detail(), input);
        }
    }

    private static void assertPostKeepsTheRules(Post post, JsonObject frame, WireMode mode, int maxMessageLength) {
        if (mode == WireMode.RICH) {
            assertThat(frame.getValue("type")).isIn(null, "chat.send");
            assertThat(post.clientId().<Object>map(id -> id).orElse(null)).isEqualTo(frame.getValue("client_id"));
        } else {
            assertThat(post.clientId()).isEmpty();
        }
        String message = post.message();
        assertThat(message).isEqualTo(frame.getValue("message"));
        assertThat(message.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)))
                .as("a post has something besides white space").isTrue();
        assertThat(message).as("a post holds no NUL").doesNotContain("\u0000");
        assertThat(message.codePointCount(0, message.length())).isBetween(1, maxMessageLength);
    }

    private static void assertRichFrameOfType(JsonObject frame, WireMode mode, String type) {
        assertThat(mode).isEqualTo(WireMode.RICH);
        assertThat(frame.getValue("type")).isEqualTo(type);
    }

    /** Fails if {@code detail} holds more than {@code most} consecutive characters of {@code input}. */
    static void assertEchoesAtMost(int most, String detail, String input) {
        int window = most + 1;
        if (input.length() < window) {
            return;
        }
        for (int start = 0; start + window <= detail.length(); start++) {
            String piece = detail.substring(start, start + window);
            if (input.contains(piece)) {
                fail("the detail \"%s\" repeats %d or more characters of the client's input", detail, window);
            }
        }
    }

    /** Every string in a JSON value, field names included. */
    static List<String> stringsIn(Object value) {
        List<String> found = new ArrayList<>();
        collectStrings(value, found);
        return found;
    }

    private static void collectStrings(Object value, List<String> found) {
        if (value instanceof String text) {
            found.add(text);
        } else if (value instanceof JsonObject object) {
            object.forEach(entry -> {
                found.add(entry.getKey());
                collectStrings(entry.getValue(), found);
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(element -> collectStrings(element, found));
        }
    }

    private static String outcome(ClientFrame decoded) {
        return decoded instanceof Refused refused ? "Refused " + refused.code().wire() : decoded.getClass().getSimpleName();
    }

    /** A value for a failure report: at most 300 characters, anything but printable ASCII as a \\u escape. */
    static String abbreviated(Object value) {
        String text = String.valueOf(value);
        StringBuilder shown = new StringBuilder();
        text.chars().limit(300).forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return text.length() <= 300 ? shown.toString() : shown + "... (" + text.length() + " characters)";
    }

    /** A rich frame of a known type with one field of the wrong type or range, and the code it must get. */
    record WrongField(JsonObject frame, ErrorCode expected) {
    }

    /** A frame the protocol accepts (with fields it ignores), and what it must decode to. */
    record WellFormed(JsonObject frame, WireMode mode, ClientFrame expected) {
    }
}
