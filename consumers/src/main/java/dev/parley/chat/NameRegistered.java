package dev.parley.chat;

import dev.parley.accounts.NameKey;
import io.vertx.core.json.JsonObject;

/**
 * Somebody just registered {@code name}: the {@code account.registered} layer event, sent to the {@link #group} that
 * holds, on every gateway, the guests whose names have the same {@link NameKey}; those guests are then renamed.
 */
public record NameRegistered(String name) {

    public static final String TYPE = "account.registered";
    /** How many groups the guests are spread over. */
    static final int GROUPS = 64;

    public JsonObject toEvent() {
        return new JsonObject().put("type", TYPE).put("name", name);
    }

    public static NameRegistered fromEvent(JsonObject event) {
        return new NameRegistered(event.getString("name", ""));
    }

    /**
     * The layer group of guests called {@code name} or a look-alike of it, among others: guests are spread over
     * {@link #GROUPS} groups by their name's key, and each checks {@link #claims} itself. A group per name would
     * cost every gateway one more Redis subscription per guest, and a guest's join one more round trip.
     */
    public static String group(String name) {
        return "guests.named." + Math.floorMod(NameKey.of(name).hashCode(), GROUPS);
    }

    /** Whether a guest called {@code guestName} holds this name (or a look-alike of it). */
    public boolean claims(String guestName) {
        return NameKey.of(name).equals(NameKey.of(guestName));
    }
}
