package dev.parley.chat;

import dev.parley.store.StoredMessage;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A posted chat message: the {@code chat.message} event on the channel layer and the chat message object on the
 * wire (docs/protocol.md).
 *
 * @param guest    whether the sender is a guest, when known: for live messages, not for history (the store keeps the
 *                 name only)
 * @param editedAt the last edit, for a message read back from the store that was edited ({@code message} is then the
 *                 current text)
 * @param deleted  whether it was deleted ({@code message} is then empty)
 */
public record ChatMessage(String room, long seq, String user, String message, Instant sentAt,
                          Optional<String> clientId, Optional<Boolean> guest, Optional<Instant> editedAt,
                          boolean deleted) {

    public static final String TYPE = "chat.message";

    /** ISO-8601 UTC with milliseconds always shown, so clients can parse one format. */
    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public ChatMessage {
        sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A message as posted, neither edited nor deleted. */
    public ChatMessage(String room, long seq, String user, String message, Instant sentAt, Optional<String> clientId,
                       Optional<Boolean> guest) {
        this(room, seq, user, message, sentAt, clientId, guest, Optional.empty(), false);
    }

    /**
     * The layer event: the seq, and the frame already encoded for each wire mode ({@code rich} only where it differs,
     * by the {@code client_id} or {@code guest}). Every member of the room sends the text as it is: a message is
     * encoded once per wire mode, not once per recipient, as Phoenix's "fastlane" broadcasts one encoded payload.
     */
    public JsonObject toEvent() {
        String tutorial = toFrame(WireMode.TUTORIAL).encode();
        JsonObject event = new JsonObject().put("type", TYPE).put("seq", seq).put("tutorial", tutorial);
        if (clientId.isPresent() || guest.isPresent()) {
            event.put("rich", toFrame(WireMode.RICH).encode());
        }
        return event;
    }

    /** The seq of a {@link #toEvent} event. */
    public static long seqOf(JsonObject event) {
        return event.getLong("seq", 0L);
    }

    /** The encoded frame a client speaking {@code mode} gets for a {@link #toEvent} event. */
    public static String frameOf(JsonObject event, WireMode mode) {
        String tutorial = event.getString("tutorial");
        return mode == WireMode.RICH ? event.getString("rich", tutorial) : tutorial;
    }

    /** The frame for a client speaking {@code mode}: tutorial clients get no {@code client_id} or {@code guest}. */
    public JsonObject toFrame(WireMode mode) {
        JsonObject json = new JsonObject()
                .put("type", TYPE)
                .put("room", room)
                .put("seq", seq)
                .put("user", user)
                .put("message", message)
                .put("sent_at", formatInstant(sentAt));
        editedAt.ifPresent(at -> json.put("edited_at", formatInstant(at)));
        if (deleted) {
            json.put("deleted", true);
        }
        if (mode == WireMode.RICH) {
            clientId.ifPresent(id -> json.put("client_id", id));
            guest.ifPresent(isGuest -> json.put("guest", isGuest));
        }
        return json;
    }

    /** The chat message of a stored one, in its current state: whether its sender was a guest is not known. */
    public static ChatMessage of(StoredMessage stored) {
        return new ChatMessage(stored.room(), stored.seq(), stored.user(), stored.text(), stored.sentAt(),
                stored.clientId(), Optional.empty(), stored.editedAt(), stored.deleted());
    }

    /** The same message, saying whether its sender is a guest. */
    public ChatMessage sentBy(boolean guestSender) {
        return new ChatMessage(room, seq, user, message, sentAt, clientId, Optional.of(guestSender), editedAt, deleted);
    }

    static String formatInstant(Instant instant) {
        return SENT_AT.format(instant);
    }
}
