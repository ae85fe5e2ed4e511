package dev.parley.chat;

import java.util.regex.Pattern;

/** A chat room's name: 1 to 64 ASCII letters, digits, {@code -} or {@code _}; it appears in URLs and group names. */
public final class RoomName {

    /** The rule as a regular expression, for routes. */
    public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private RoomName() {
    }

    public static boolean isValid(String room) {
        return room != null && COMPILED.matcher(room).matches();
    }

    /** The channel-layer group of a room's connections. */
    public static String group(String room) {
        return "chat.room." + room;
    }
}
