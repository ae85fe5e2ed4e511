package dev.parley.chat;

import java.util.Optional;

/** A frame from a chat client, decoded by {@link ClientFrameDecoder}. */
public sealed interface ClientFrame {

    /** Post a message to the room. */
    record Post(String message, Optional<String> clientId) implements ClientFrame {
    }

    /** Edit ({@code newText} present) or delete the room's message {@code target}. */
    record Amend(long target, Optional<String> newText, Optional<String> clientId) implements ClientFrame {
    }

    /** Started ({@code true}) or stopped typing. */
    record Typing(boolean active) implements ClientFrame {
    }

    /** Older messages: up to {@code limit} with {@code seq} below {@code before}. */
    record HistoryBefore(long before, int limit) implements ClientFrame {
    }

    /** Newer messages, to fill a gap: up to {@code limit} with {@code seq} above {@code after}. */
    record HistoryAfter(long after, int limit) implements ClientFrame {
    }

    /** A frame that cannot be accepted, and why; {@code clientId} if the frame carried a usable one. */
    record Refused(ErrorCode code, String detail, Optional<String> clientId) implements ClientFrame {
    }
}
