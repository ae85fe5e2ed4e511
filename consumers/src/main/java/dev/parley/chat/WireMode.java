package dev.parley.chat;

import java.util.List;

/** Which protocol a chat client speaks, chosen by the WebSocket subprotocol it offers (see docs/protocol.md). */
public enum WireMode {
    /** No subprotocol: the Django Channels tutorial's {@code {"message": ...}} in and out. */
    TUTORIAL,
    /** Subprotocol {@value #RICH_SUBPROTOCOL}: acks, typing, welcome and error codes. */
    RICH;

    public static final String RICH_SUBPROTOCOL = "parley.v1";

    /** Every subprotocol the chat speaks, for the server's handshake. */
    public static final List<String> SUBPROTOCOLS = List.of(RICH_SUBPROTOCOL);

    public static WireMode chooseFor(List<String> offered) {
        return offered.contains(RICH_SUBPROTOCOL) ? RICH : TUTORIAL;
    }
}
