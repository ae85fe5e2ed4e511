package dev.parley.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/** Text frames that are not a JSON object: not JSON at all (cut short, nested too deep, junk), or JSON of another kind. */
final class HostileText {

    /** Deeper than the JSON parser allows (1 000). */
    static final int TOO_DEEP = 1_001;
    private static final List<String> ALMOST_JSON = List.of("", " ", "\n", "{", "}", "{\"message\"}",
            "{'message': 'hi'}", "{message: \"hi\"}", "{\"message\": \"hi\",}", "NaN", "Infinity", "-", "01", "1.", ".5",
            "tru", "nul", "\"unterminated", "\"\\x41\"", "\"\\u12\"", "{\"message\": \"a\u0001b\"}",
            "{\"message\": \"hi\"}{\"message\": \"hi\"}", "[] []", "{\"message\": \"hi\"} x", "{\"message\": \"\\ud800\"",
            "\ud800", "\udfff{\"message\": \"hi\"}");

    private HostileText() {
    }

    /** Text no JSON parser may accept. */
    static String notJson(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> {
                String json = HostileJson.frame(random).encode();
                yield json.substring(0, random.nextInt(json.length()));
            }
            case 1 -> HostileJson.pick(random, List.of("[", "{\"a\":", "[{\"message\":")).repeat(1 + random.nextInt(20_000));
            case 2 -> {
                int depth = TOO_DEEP + random.nextInt(10_000);
                yield "[".repeat(depth) + "]".repeat(depth);
            }
            case 3 -> HostileJson.frame(random).encode() + HostileJson.pick(random, List.of(" x", "}", "]", ",", " {}", "\u0000"));
            case 4 -> loneSurrogates(random);
            case 5 -> "#" + HostileJson.anyUnits(random, 100);
            default -> HostileJson.pick(random, ALMOST_JSON);
        };
    }

    /** Valid JSON whose top level is an array, a string, a number, a boolean or null, some nested a thousand deep. */
    static String jsonButNotAnObject(Random random) {
        if (random.nextInt(10) == 0) {
            int depth = 1 + random.nextInt(TOO_DEEP - 1);
            return "[".repeat(depth) + "]".repeat(depth);
        }
        Object value = HostileJson.value(random, 2);
        if (value instanceof JsonObject object) {
            return new JsonArray().add(object).encode();
        }
        String array = new JsonArray().add(value).encode();
        return array.substring(1, array.length() - 1);
    }

    /** Any text at all, JSON objects included. */
    static String anyText(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> notJson(random);
            case 1 -> jsonButNotAnObject(random);
            case 2 -> HostileJson.frame(random).encode();
            case 3 -> HostileJson.anyUnits(random, 200);
            default -> HostileJson.string(random);
        };
    }

    private static String loneSurrogates(Random random) {
        char[] units = new char[1 + random.nextInt(8)];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) (0xd800 + random.nextInt(0x800));
        }
        return new String(units);
    }
}
