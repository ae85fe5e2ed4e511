package dev.parley.store;

import java.time.Instant;
import java.util.Optional;

/** A stored message with its place in the room's history. */
public record StoredMessage(String room, long seq, String user, String text, Instant sentAt, Optional<String> clientId) {
}
