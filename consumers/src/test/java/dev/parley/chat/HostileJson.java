package dev.parley.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Hostile JSON as the wire gives it (String, Integer, Long, BigInteger, Double, Boolean, null, JsonArray,
 * JsonObject): strings with unpaired surrogates, control characters and huge lengths, numbers out of every range,
 * nesting, and frames whose known fields hold plausible or wrong values. Drawn from a {@link Random}, so the
 * consumer fuzz can replay a seed; jqwik's own arbitraries took 250 µs a frame, too slow for 100 000 frames.
 */
final class HostileJson {

    static final List<String> KNOWN_TYPES = List.of("chat.send", "typing", "history.before", "history.after");
    static final List<String> FIELD_NAMES = List.of("type", "message", "client_id", "active", "before", "after", "limit");
    /** What must never reach a client; generated strings leave them out so an echo cannot look like a leak. */
    static final List<String> LEAK_MARKERS = List.of("Exception", "at dev.", "java.lang");
    /** Lengths around the limits the tests use (1, 2, 20 and 4 000 characters; 64 for client ids). */
    static final List<Integer> BOUNDARY_LENGTHS = List.of(0, 1, 2, 3, 19, 20, 21, 64, 65, 3999, 4000, 4001);
    static final List<String> NEAR_MISS_TYPES = List.of("Chat.send", "chat.send ", " chat.send", "chat.sen", "chat",
            "chat.message", "chat.ack", "typing\u0000", "TYPING", "history", "history.before.", "history_after", "welcome",
            "error", "", "null", "chat.send\ud800", "\ud83d", "a".repeat(39) + "😀", "type".repeat(2_000));
    private static final String WHITESPACE = " \t\n\r\u000b\f\u001c\u1680\u2000\u2003\u200a\u2028\u2029\u205f\u3000";
    private static final BigInteger TWO_TO_64 = BigInteger.TWO.pow(64);
    private static final List<Object> SPECIAL_NUMBERS = List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(63), TWO_TO_64, TWO_TO_64.add(BigInteger.ONE),
            TWO_TO_64.add(BigInteger.valueOf(50)), TWO_TO_64.negate().add(BigInteger.ONE), BigInteger.TEN.pow(400),
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.5, 1.0, 50.0, 200.0, 200.5, 201.0,
            1e19, -1e19, Double.MIN_VALUE, Double.MAX_VALUE);

    private HostileJson() {
    }

    /** A jqwik arbitrary drawing from one of the methods below (no shrinking: the sample and seed are reported). */
    static <T> Arbitrary<T> arbitrary(Function<Random, T> draw) {
        return Arbitraries.randomValue(draw::apply);
    }

    /** A JSON object with any of the protocol's fields, each present or not and plausible or hostile, and others. */
    static JsonObject frame(Random random) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int others = random.nextInt(3);
        for (int i = 0; i < others; i++) {
            fields.put(fieldName(random), value(random, 2));
        }
        putSometimes(random, fields, 0.7, "type", plausibleOrNot(random, () -> random.nextInt(7) < 6
                ? pick(random, KNOWN_TYPES) : pick(random, NEAR_MISS_TYPES)));
        putSometimes(random, fields, 0.7, "message", plausibleOrNot(random, () -> message(random)));
        putSometimes(random, fields, 0.4, "client_id", plausibleOrNot(random, () -> wellFormedText(random, 1, 64)));
        putSometimes(random, fields, 0.4, "active", plausibleOrNot(random, random::nextBoolean));
        for (String bound : List.of("before", "after", "limit")) {
            putSometimes(random, fields, 0.3, bound, plausibleOrNot(random, () -> random.nextInt(4) < 3
                    ? random.nextInt(208) - 2 : number(random)));
        }
        return new JsonObject(fields);
    }

    /** Any JSON value, nested up to {@code depth} deep. */
    static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 12 : 10);
        if (kind < 4) {
            return string(random);
        } else if (kind < 7) {
            return number(random);
        } else if (kind < 9) {
            return kind == 7 ? random.nextBoolean() : null;
        } else if (kind < 11) {
            JsonArray array = new JsonArray();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                array.add(value(random, depth - 1));
            }
            return array;
        }
        JsonObject object = new JsonObject();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            object.put(fieldName(random), value(random, depth - 1));
        }
        return object;
    }

    /**
     * Any JSON value but a string, even once encoded: Vert.x writes NaN and infinities as the strings "NaN" and
     * "Infinity", so those become a plain number here.
     */
    static Object nonString(Random random) {
        Object value = value(random, 2);
        if (value instanceof Double number && !Double.isFinite(number)) {
            return -0.5;
        }
        return value instanceof String ? random.nextLong() : value;
    }

    /**
     * A protocol field's name or any string up to 1 000 units: a name over Jackson's limit (50 000) fails the parse,
     * which FuzzFrames tests on purpose rather than by chance.
     */
    static String fieldName(Random random) {
        if (random.nextInt(5) < 4) {
            return pick(random, FIELD_NAMES);
        }
        String name = string(random);
        return name.length() > 1_000 ? name.substring(0, 1_000) : name;
    }

    /** Strings of every kind: any UTF-16 units, well-formed text, white space, type names, boundary lengths. */
    static String string(Random random) {
        String text = switch (random.nextInt(16)) {
            case 0, 1, 2, 3, 4, 5 -> anyUnits(random, 50);
            case 6, 7, 8, 9 -> wellFormedText(random, 0, 40);
            case 10, 11 -> whitespace(random);
            case 12, 13 -> pick(random, NEAR_MISS_TYPES);
            case 14 -> boundaryLengthText(random);
            default -> random.nextInt(20) == 0 ? "x".repeat(70_000) : String.valueOf(random.nextInt());
        };
        return hasNoLeakMarker(text) ? text : "x";
    }

    /** A message field's plausible value: mostly short text, sometimes blank, sometimes at a length limit. */
    static String message(Random random) {
        int kind = random.nextInt(6);
        return kind < 4 ? wellFormedText(random, 1, 30) : kind == 4 ? whitespace(random) : boundaryLengthText(random);
    }

    /** Up to {@code max} UTF-16 units of any value: unpaired surrogates, controls, noncharacters. */
    static String anyUnits(Random random, int max) {
        char[] units = new char[random.nextInt(max + 1)];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) random.nextInt(0x10000);
        }
        return new String(units);
    }

    /** Text of whole code points (no unpaired surrogates) from every plane, some astral (two UTF-16 units). */
    static String wellFormedText(Random random, int minCodePoints, int maxCodePoints) {
        StringBuilder text = new StringBuilder();
        int count = minCodePoints + random.nextInt(maxCodePoints - minCodePoints + 1);
        for (int i = 0; i < count; i++) {
            int plane = random.nextInt(10);
            int codePoint = plane < 5 ? 0x20 + random.nextInt(0x5f)
                    : plane < 7 ? random.nextInt(0xd800)
                    : plane < 8 ? 0xe000 + random.nextInt(0x2000)
                    : 0x10000 + random.nextInt(0x100000);
            text.appendCodePoint(codePoint);
        }
        return hasNoLeakMarker(text.toString()) ? text.toString() : "x";
    }

    /** Only characters Java counts as white space (what the server calls blank), possibly none. */
    static String whitespace(Random random) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            text.append(WHITESPACE.charAt(random.nextInt(WHITESPACE.length())));
        }
        return text.toString();
    }

    /** 'x', an astral emoji or a letter with a combining accent, repeated to a length near a limit. */
    static String boundaryLengthText(Random random) {
        return pick(random, List.of("x", "😀", "e\u0301")).repeat(pick(random, BOUNDARY_LENGTHS));
    }

    /** Numbers as the JSON parser makes them, at and beyond every range the protocol uses. */
    static Object number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextLong();
            case 2 -> new BigInteger(70, random).subtract(BigInteger.TWO.pow(69));
            case 3 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 10);
            default -> pick(random, SPECIAL_NUMBERS);
        };
    }

    static boolean hasNoLeakMarker(String text) {
        return LEAK_MARKERS.stream().noneMatch(text::contains);
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static Object plausibleOrNot(Random random, java.util.function.Supplier<Object> plausible) {
        return random.nextInt(4) < 3 ? plausible.get() : value(random, 2);
    }

    private static void putSometimes(Random random, Map<String, Object> fields, double chance, String name, Object value) {
        if (random.nextDouble() < chance) {
            fields.put(name, value);
        }
    }
}
