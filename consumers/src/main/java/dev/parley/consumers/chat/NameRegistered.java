package dev.parley.consumers.chat;

import dev.parley.consumers.accounts.NameKey;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Somebody just registered {@code name}: the {@code account.registered} layer event, sent to the group of guests
 * whose names have the same {@link NameKey} on every gateway, who are then renamed.
 */
public record NameRegistered(String name) {

    public static final String TYPE = "account.registered";

    public JsonObject toEvent() {
        return new JsonObject().put("type", TYPE).put("name", name);
    }

    public static NameRegistered fromEvent(JsonObject event) {
        return new NameRegistered(event.getString("name", ""));
    }

    /**
     * The layer group of guests called {@code name} or a look-alike of it: a hash of its key, since group names are
     * short ASCII.
     */
    public static String group(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(NameKey.of(name).getBytes(StandardCharsets.UTF_8));
            return "guests.named." + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether a guest called {@code guestName} holds this name (or a look-alike of it). */
    public boolean claims(String guestName) {
        return NameKey.of(name).equals(NameKey.of(guestName));
    }
}
