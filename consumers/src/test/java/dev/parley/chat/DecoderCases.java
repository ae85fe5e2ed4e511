package dev.parley.chat;

import dev.parley.chat.ClientFrame.HistoryAfter;
import dev.parley.chat.ClientFrame.HistoryBefore;
import dev.parley.chat.ClientFrame.Post;
import dev.parley.chat.ClientFrame.Typing;
import dev.parley.chat.ClientFrameDecoderPropertiesTest.WellFormed;
import dev.parley.chat.ClientFrameDecoderPropertiesTest.WrongField;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Frames whose decoding is known by how they were built: one wrong field, or well formed with extra fields. */
final class DecoderCases {

    private static final int MAX_ID = ClientFrameDecoder.MAX_CLIENT_ID_LENGTH;

    private DecoderCases() {
    }

    /** A rich frame of a known type with one field of the wrong type or range, and the code it must get. */
    static WrongField wrongField(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new WrongField(send().put("message", HostileJson.nonString(random)), ErrorCode.INVALID_FIELD);
            case 1 -> new WrongField(send(), ErrorCode.INVALID_FIELD);
            case 2 -> new WrongField(send().put("message", HostileJson.whitespace(random)), ErrorCode.EMPTY_MESSAGE);
            case 3 -> new WrongField(send().put("message", "😀".repeat(4001 + random.nextInt(10_000))),
                    ErrorCode.MESSAGE_TOO_LONG);
            case 4 -> new WrongField(knownFrame(random).put("client_id", badClientId(random)), ErrorCode.INVALID_FIELD);
            case 5 -> {
                Object active = HostileJson.value(random, 2);
                yield new WrongField(new JsonObject().put("type", "typing").put("active", active instanceof Boolean ? 1 : active),
                        ErrorCode.INVALID_FIELD);
            }
            case 6 -> {
                String bound = HostileJson.pick(random, List.of("before", "after"));
                yield new WrongField(page(bound).put(bound, notASeq(random)), ErrorCode.INVALID_REQUEST);
            }
            case 7 -> new WrongField(page(HostileJson.pick(random, List.of("before", "after"))).put("limit", notALimit(random)),
                    ErrorCode.INVALID_REQUEST);
            case 8 -> {
                Object type = HostileJson.nonString(random);
                yield new WrongField(new JsonObject().put("type", type == null ? 0 : type)
                        .put("message", HostileJson.value(random, 1)), ErrorCode.INVALID_FIELD);
            }
            default -> {
                String type = HostileJson.string(random);
                yield new WrongField(new JsonObject().put("type", HostileJson.KNOWN_TYPES.contains(type) ? "dance" : type)
                        .put("message", "hi"), ErrorCode.UNKNOWN_TYPE);
            }
        };
    }

    /** A frame the protocol accepts, with fields it ignores, and what it must decode to. */
    static WellFormed wellFormed(Random random) {
        JsonObject frame = extraFields(random);
        Optional<String> clientId = random.nextBoolean() ? Optional.of(clientId(random)) : Optional.empty();
        clientId.ifPresent(id -> frame.put("client_id", id));
        int limit = 1 + random.nextInt(ClientFrameDecoder.MAX_HISTORY_PAGE);
        boolean limited = random.nextBoolean();
        if (limited) {
            frame.put("limit", limit);
        }
        int expectedLimit = limited ? limit : ClientFrameDecoder.DEFAULT_HISTORY_PAGE;
        long seq = random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(1_000_000);
        return switch (random.nextInt(5)) {
            case 0 -> {
                String text = postableText(random);
                String type = HostileJson.pick(random, List.of("chat.send", "absent", "null"));
                frame.put("message", text);
                if (!type.equals("absent")) {
                    frame.put("type", type.equals("null") ? null : type);
                }
                yield new WellFormed(frame, WireMode.RICH, new Post(text, clientId));
            }
            case 1 -> {
                String text = postableText(random);
                frame.put("message", text).put("type", HostileJson.value(random, 1)).put("client_id", HostileJson.value(random, 1));
                yield new WellFormed(frame, WireMode.TUTORIAL, new Post(text, Optional.empty()));
            }
            case 2 -> {
                boolean active = random.nextBoolean();
                yield new WellFormed(frame.put("type", "typing").put("active", active), WireMode.RICH, new Typing(active));
            }
            case 3 -> new WellFormed(frame.put("type", "history.before").put("before", Math.max(1, seq)), WireMode.RICH,
                    new HistoryBefore(Math.max(1, seq), expectedLimit));
            default -> new WellFormed(frame.put("type", "history.after").put("after", seq), WireMode.RICH,
                    new HistoryAfter(seq, expectedLimit));
        };
    }

    /** Non-blank text of 1 to 20 whole characters: within the limit of the consumer tests (20) and the default (4 000). */
    static String postableText(Random random) {
        String text = HostileJson.wellFormedText(random, 1, 20).replace('\u0000', 'x'); // NUL is refused
        boolean blank = text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
        return blank ? "x" + text : text;
    }

    /**
     * A client id of at most 64 UTF-16 units, so at most 64 characters however they are counted: the decoder counts
     * units, the protocol says characters (see ClientFrameDecoderFindingsTest).
     */
    static String clientId(Random random) {
        String id = HostileJson.wellFormedText(random, 1, MAX_ID);
        return id.length() <= MAX_ID ? id : id.substring(0, Character.isHighSurrogate(id.charAt(MAX_ID - 1)) ? MAX_ID - 1 : MAX_ID);
    }

    /** Fields the protocol does not know, which a frame may carry and the server ignores. */
    static JsonObject extraFields(Random random) {
        JsonObject fields = new JsonObject();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = HostileJson.fieldName(random);
            if (!HostileJson.FIELD_NAMES.contains(name)) {
                fields.put(name, HostileJson.value(random, 2));
            }
        }
        return fields;
    }

    static Object badClientId(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                Object id = HostileJson.nonString(random);
                yield id == null ? false : id;
            }
            case 1 -> "";
            default -> HostileJson.wellFormedText(random, MAX_ID + 1, 300);
        };
    }

    /** Not a seq for either bound: not a number, not whole, or negative. Wider-than-long integers: see the findings. */
    static Object notASeq(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> notANumber(random);
            case 1 -> fraction(random);
            default -> -1 - (random.nextLong() & Long.MAX_VALUE);
        };
    }

    static Object notALimit(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> notANumber(random);
            case 1 -> fraction(random);
            case 2 -> -(random.nextLong() & Long.MAX_VALUE);
            case 3 -> ClientFrameDecoder.MAX_HISTORY_PAGE + 1 + (random.nextLong() & (Long.MAX_VALUE / 2));
            default -> HostileJson.pick(random, List.of(201.0, 1e19, -1e19, Double.MAX_VALUE, BigInteger.TWO.pow(63).negate()));
        };
    }

    private static Object notANumber(Random random) {
        Object value = HostileJson.value(random, 2);
        return value instanceof Number ? "5" : value;
    }

    private static Object fraction(Random random) {
        return random.nextBoolean() ? random.nextInt(1000) + 0.5
                : HostileJson.pick(random, List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300));
    }

    private static JsonObject knownFrame(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> send().put("message", "hi");
            case 1 -> new JsonObject().put("type", "typing").put("active", true);
            case 2 -> page("before");
            case 3 -> page("after");
            default -> new JsonObject().put("type", "dance");
        };
    }

    private static JsonObject send() {
        return new JsonObject().put("type", "chat.send");
    }

    private static JsonObject page(String bound) {
        return new JsonObject().put("type", "history." + bound).put(bound, 5);
    }
}
