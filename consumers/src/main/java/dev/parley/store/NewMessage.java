package dev.parley.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A message to store: who posted what where, when the server accepted it, and the client's id for it if any. */
public record NewMessage(String room, String user, String text, Instant sentAt, Optional<String> clientId) {

    public NewMessage {
        sentAt = sentAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
