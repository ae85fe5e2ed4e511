package dev.parley.store;

import java.time.Instant;

/** A room that has messages: its latest {@code seq} and when it was last posted in. */
public record RoomSummary(String room, long lastSeq, Instant lastActivity) {
}
