package dev.parley.layer;

import java.util.regex.Pattern;

/**
 * Channels' naming rules: ASCII letters, digits, {@code -}, {@code _} and {@code .}, under 100 characters;
 * a channel name may end in {@code !} and a process-local part.
 */
public final class LayerNames {

    /** Names must be shorter than this. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9\\-_.]+(![a-zA-Z0-9\\-_.]*)?");
    private static final Pattern GROUP = Pattern.compile("[a-zA-Z0-9\\-_.]+");

    private LayerNames() {
    }

    public static boolean isValidChannel(String name) {
        return name != null && name.length() < MAX_LENGTH && CHANNEL.matcher(name).matches();
    }

    public static boolean isValidGroup(String name) {
        return name != null && name.length() < MAX_LENGTH && GROUP.matcher(name).matches();
    }

    /** A prefix for {@link ChannelLayer#newChannel}: a valid channel name without {@code !}. */
    public static boolean isValidPrefix(String prefix) {
        return isValidGroup(prefix);
    }

    /** Fails with {@link InvalidName} unless the channel name is valid. */
    public static void requireChannel(String channel) {
        if (!isValidChannel(channel)) {
            throw new InvalidName("channel", channel);
        }
    }

    /** Fails with {@link InvalidName} unless the group name is valid. */
    public static void requireGroup(String group) {
        if (!isValidGroup(group)) {
            throw new InvalidName("group", group);
        }
    }

    public static boolean isProcessLocal(String channel) {
        return channel.indexOf('!') >= 0;
    }
}
