package dev.parley.consumers.chat;

import dev.parley.consumers.history.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A posted chat message: the {@code chat.message} event on the channel layer and the chat message object on the
 * wire (docs/protocol.md).
 */
public record ChatMessage(String room, long seq, String user, String message, Instant sentAt,
                          Optional<String> clientId) {

    public static final String TYPE = "chat.message";

    /** ISO-8601 UTC with milliseconds always shown, so clients can parse one format. */
    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public ChatMessage {
        sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The layer event, which carries everything. */
    public JsonObject toEvent() {
        return toFrame(WireMode.RICH);
    }

    /** The frame for a client speaking {@code mode}: tutorial clients do not get {@code client_id}. */
    public JsonObject toFrame(WireMode mode) {
        JsonObject json = new JsonObject()
                .put("type", TYPE)
                .put("room", room)
                .put("seq", seq)
                .put("user", user)
                .put("message", message)
                .put("sent_at", formatInstant(sentAt));
        if (mode == WireMode.RICH) {
            clientId.ifPresent(id -> json.put("client_id", id));
        }
        return json;
    }

    public static ChatMessage fromEvent(JsonObject event) {
        return new ChatMessage(event.getString("room"), event.getLong("seq", 0L), event.getString("user"),
                event.getString("message"), Instant.parse(event.getString("sent_at")),
                Optional.ofNullable(event.getString("client_id")));
    }

    /** The chat message of a stored one. */
    public static ChatMessage of(StoredMessage stored) {
        return new ChatMessage(stored.room(), stored.seq(), stored.user(), stored.text(), stored.sentAt(),
                stored.clientId());
    }

    static String formatInstant(Instant instant) {
        return SENT_AT.format(instant);
    }
}
