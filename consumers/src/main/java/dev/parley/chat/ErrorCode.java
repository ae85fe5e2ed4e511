package dev.parley.chat;

/** Why a client's frame was refused: a stable {@link #wire()} code for programs and a sentence for people. */
public enum ErrorCode {
    INVALID_JSON("invalid_json", "the frame is not valid JSON"),
    INVALID_FRAME("invalid_frame", "the frame must be a JSON object"),
    UNKNOWN_TYPE("unknown_type", "unknown frame type"),
    INVALID_FIELD("invalid_field", "a field is missing or has the wrong type"),
    EMPTY_MESSAGE("empty_message", "the message is empty"),
    MESSAGE_TOO_LONG("message_too_long", "the message is too long"),
    BINARY_NOT_SUPPORTED("binary_not_supported", "binary frames are not supported; send JSON text frames"),
    INVALID_REQUEST("invalid_request", "the request has a missing or wrong field"),
    RATE_LIMITED("rate_limited", "too many messages: slow down; this one was not posted, send it again shortly"),
    UNAVAILABLE("unavailable", "the message could not be stored; nothing was posted, send it again"),
    NOT_YOUR_MESSAGE("not_your_message", "only the author of a message can edit or delete it"),
    NO_SUCH_MESSAGE("no_such_message", "there is no message with that seq in this room to edit or delete");

    private final String wire;
    private final String sentence;

    ErrorCode(String wire, String sentence) {
        this.wire = wire;
        this.sentence = sentence;
    }

    /** The code in error frames, for example {@code invalid_json}. */
    public String wire() {
        return wire;
    }

    /** The default explanation for people. */
    public String sentence() {
        return sentence;
    }
}
