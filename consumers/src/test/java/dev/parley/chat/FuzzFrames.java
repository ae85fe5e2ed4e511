package dev.parley.chat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A stream of frames for one chat connection, valid and hostile mixed, each with what the protocol says must come
 * back. Knows the mode's rules by construction (not by asking the decoder), and remembers the client ids it used so
 * it can send one again.
 */
final class FuzzFrames {

    /** Jackson's StreamReadConstraints.maxNameLength: a longer field name fails the parse (so: invalid_json). */
    static final int PARSER_MAX_NAME_LENGTH = 50_000;

    /** A frame to send: text or binary, and what must come back. */
    record FuzzFrame(Optional<String> text, Optional<Buffer> binary, Expected expected) {

        static FuzzFrame text(String text, Expected expected) {
            return new FuzzFrame(Optional.of(text), Optional.empty(), expected);
        }

        static FuzzFrame json(JsonObject frame, Expected expected) {
            return text(frame.encode(), expected);
        }

        @Override
        public String toString() {
            return text.map(ClientFrameDecoderPropertiesTest::abbreviated)
                    .orElseGet(() -> "binary of " + binary.orElseThrow().length() + " bytes") + " expecting " + expected;
        }
    }

    /** What the protocol says comes back for a frame. */
    sealed interface Expected {
        /** One error frame with one of these codes, carrying this client id. */
        record Refusal(Set<ErrorCode> codes, Optional<String> clientId) implements Expected {
        }

        /** Stored: rich mode acks it and echoes it; tutorial mode echoes it. */
        record Posted(String message, Optional<String> clientId) implements Expected {
        }

        /** A client id already used: acked as a duplicate, not posted again. */
        record Repeated(String clientId) implements Expected {
        }

        /** One history frame: up to {@code limit} messages before or after ({@code bound}) {@code seq}. */
        record HistoryPage(String bound, long seq, int limit) implements Expected {
        }

        /** Nothing back to the sender; every other rich client of the room is told the typist's state. */
        record Typing(boolean active) implements Expected {
        }
    }

    private final Random random;
    private final WireMode mode;
    private final List<String> usedClientIds = new ArrayList<>();
    private int nextClientId;

    FuzzFrames(Random random, WireMode mode) {
        this.random = random;
        this.mode = mode;
    }

    FuzzFrame next() {
        int dice = random.nextInt(100);
        if (dice < 20) {
            return post();
        } else if (dice < 30) {
            return badMessage();
        } else if (dice < 39) {
            return refused(HostileText.notJson(random), ErrorCode.INVALID_JSON);
        } else if (dice < 40) {
            // Valid JSON, but a field name longer than the parser takes: refused as not JSON, not as a crash.
            JsonObject frame = new JsonObject().put("x".repeat(PARSER_MAX_NAME_LENGTH + 1 + random.nextInt(20_000)), 1)
                    .put("message", "hi");
            return FuzzFrame.json(frame, refusal(ErrorCode.INVALID_JSON));
        } else if (dice < 46) {
            return refused(HostileText.jsonButNotAnObject(random), ErrorCode.INVALID_FRAME);
        } else if (dice < 52) {
            return binary();
        } else if (dice < 58) {
            return FuzzFrame.json(fieldsWithoutTypeOrMessage(), refusal(ErrorCode.INVALID_FIELD));
        }
        return mode == WireMode.RICH ? richOnly(dice) : tutorialOnly();
    }

    private FuzzFrame richOnly(int dice) {
        if (dice < 64 && !usedClientIds.isEmpty()) {
            String id = HostileJson.pick(random, usedClientIds);
            return FuzzFrame.json(new JsonObject().put("type", "chat.send").put("message", DecoderCases.postableText(random))
                    .put("client_id", id), new Expected.Repeated(id));
        } else if (dice < 80) {
            ClientFrameDecoderPropertiesTest.WrongField wrong = DecoderCases.wrongField(random);
            return FuzzFrame.json(wrong.frame(), refusal(wrong.expected()));
        } else if (dice < 86) {
            String id = freshClientId();
            String type = HostileJson.string(random);
            JsonObject frame = new JsonObject().put("type", HostileJson.KNOWN_TYPES.contains(type) ? "dance" : type)
                    .put("client_id", id);
            return FuzzFrame.json(frame, new Expected.Refusal(Set.of(ErrorCode.UNKNOWN_TYPE), Optional.of(id)));
        } else if (dice < 92) {
            boolean active = random.nextBoolean();
            return FuzzFrame.json(DecoderCases.extraFields(random).put("type", "typing").put("active", active),
                    new Expected.Typing(active));
        }
        String bound = random.nextBoolean() ? "before" : "after";
        int limit = 1 + random.nextInt(ClientFrameDecoder.MAX_HISTORY_PAGE);
        long seq = random.nextInt(3) == 0 ? Long.MAX_VALUE : random.nextInt(5_000) + (bound.equals("before") ? 1 : 0);
        return FuzzFrame.json(DecoderCases.extraFields(random).put("type", "history." + bound).put(bound, seq)
                .put("limit", limit), new Expected.HistoryPage(bound, seq, limit));
    }

    /** What tutorial mode refuses that rich mode reads: every rich frame without a string message. */
    private FuzzFrame tutorialOnly() {
        JsonObject frame = random.nextBoolean() ? DecoderCases.wellFormed(random).frame() : DecoderCases.wrongField(random).frame();
        if (frame.containsKey("message")) {
            frame.put("message", HostileJson.nonString(random));
        }
        return FuzzFrame.json(frame, refusal(ErrorCode.INVALID_FIELD));
    }

    /** A message the rules accept, with fields the server ignores (in tutorial mode, even type and client_id). */
    private FuzzFrame post() {
        String message = DecoderCases.postableText(random);
        JsonObject frame = DecoderCases.extraFields(random).put("message", message);
        Optional<String> clientId = Optional.empty();
        if (mode == WireMode.RICH) {
            if (random.nextBoolean()) {
                frame.put("type", "chat.send");
            }
            if (random.nextBoolean()) {
                clientId = Optional.of(freshClientId());
                frame.put("client_id", clientId.get());
            }
        } else {
            frame.put("type", HostileJson.value(random, 1)).put("client_id", HostileJson.value(random, 1));
        }
        clientId.ifPresent(usedClientIds::add);
        return FuzzFrame.json(frame, new Expected.Posted(message, clientId));
    }

    private FuzzFrame badMessage() {
        JsonObject frame = mode == WireMode.RICH && random.nextBoolean() ? new JsonObject().put("type", "chat.send")
                : new JsonObject();
        return switch (random.nextInt(4)) {
            case 0 -> FuzzFrame.json(frame.put("message", HostileJson.nonString(random)), refusal(ErrorCode.INVALID_FIELD));
            case 1 -> FuzzFrame.json(frame.put("message", HostileJson.whitespace(random)), refusal(ErrorCode.EMPTY_MESSAGE));
            case 2 -> FuzzFrame.json(frame.put("message", HostileJson.wellFormedText(random, 21, 200)),
                    refusal(ErrorCode.MESSAGE_TOO_LONG));
            default -> FuzzFrame.json(frame.put("message", HostileJson.boundaryLengthText(random).repeat(2) + "x".repeat(21)),
                    refusal(ErrorCode.MESSAGE_TOO_LONG));
        };
    }

    /** Random bytes, often not UTF-8, sometimes a perfectly good JSON frame sent as binary. */
    private FuzzFrame binary() {
        byte[] bytes = switch (random.nextInt(3)) {
            case 0 -> new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
            case 1 -> new JsonObject().put("message", "hi").encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> new byte[random.nextInt(2_000)];
        };
        if (bytes.length > 6 && bytes[0] == 0) {
            random.nextBytes(bytes);
        }
        return new FuzzFrame(Optional.empty(), Optional.of(Buffer.buffer(bytes)), refusal(ErrorCode.BINARY_NOT_SUPPORTED));
    }

    private JsonObject fieldsWithoutTypeOrMessage() {
        JsonObject frame = DecoderCases.extraFields(random);
        for (String name : List.of("active", "before", "after", "limit")) {
            if (random.nextBoolean()) {
                frame.put(name, HostileJson.value(random, 1));
            }
        }
        return frame;
    }

    private String freshClientId() {
        String prefix = "c" + nextClientId++ + "-";
        return prefix + HostileJson.wellFormedText(random, 0, 10); // At most 20 UTF-16 units after the prefix.
    }

    private FuzzFrame refused(String text, ErrorCode code) {
        return FuzzFrame.text(text, refusal(code));
    }

    private static Expected refusal(ErrorCode code) {
        return new Expected.Refusal(Set.of(code), Optional.empty());
    }
}
