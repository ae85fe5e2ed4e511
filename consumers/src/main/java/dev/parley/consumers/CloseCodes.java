package dev.parley.consumers;

/** WebSocket close codes (RFC 6455, section 7.4.1) that Parley uses. */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported when a connection ended without a close frame; never sent on the wire. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;

    private CloseCodes() {
    }
}
