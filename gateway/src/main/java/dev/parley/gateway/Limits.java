package dev.parley.gateway;

import java.time.Duration;

/**
 * What one client may do, with defaults that protect a public server (docs/security.md lists them). Read from the
 * environment by {@link GatewayConfig#fromEnvironment}; 0 turns a count or rate limit off.
 *
 * @param maxFrameBytes        the largest WebSocket message ({@code CHAT_MAX_FRAME_BYTES}, 64 KiB); larger: 1009
 * @param maxMessageLength     the longest chat message in characters ({@code CHAT_MAX_MESSAGE_LENGTH}, 4000);
 *                             longer: error {@code message_too_long}
 * @param framesPerSecond      frames a connection may send a second, bursts of twice that
 *                             ({@code CHAT_FRAMES_PER_SECOND}, 20)
 * @param messagesPerSecond    chat messages a signed-in user (a guest: a connection) may post a second on this
 *                             gateway, bursts of three times that ({@code CHAT_MESSAGES_PER_SECOND}, 5)
 * @param connectionsPerAddress open WebSockets from one client address ({@code CHAT_MAX_CONNECTIONS_PER_IP}, 1000)
 * @param connectionsPerUser   open WebSockets of one signed-in user ({@code CHAT_MAX_CONNECTIONS_PER_USER}, 20)
 * @param signInsPerMinute     sign-in and sign-up attempts a minute from one client address, and sign-in attempts
 *                             a minute for one account name ({@code CHAT_SIGNIN_ATTEMPTS_PER_MINUTE}, 10)
 * @param handshakeTimeout     how long a new connection may take to send its first whole request (a WebSocket
 *                             handshake's headers), and a consumer to accept or refuse the handshake
 *                             ({@code CHAT_HANDSHAKE_TIMEOUT_SECONDS}, 10)
 * @param slowClientLimit      how long a message may wait for a client that does not read before it is closed with
 *                             1008 ({@code CHAT_SLOW_CLIENT_SECONDS}, 10)
 * @param idleTimeout          how long a connection may send nothing, not even the answer to a ping, before it is
 *                             dropped; pings go out every third of it ({@code CHAT_IDLE_TIMEOUT_SECONDS}, 60)
 * @param requestTimeout       how long each HTTP request may take to arrive whole, head and body, from its first byte
 *                             (the first request from the connection's opening); at least the handshake time-out
 *                             ({@code CHAT_REQUEST_TIMEOUT_SECONDS}, 30)
 * @param httpConnectionsPerAddress open plain HTTP connections (not yet WebSockets) from one client address
 *                             ({@code CHAT_MAX_HTTP_CONNECTIONS_PER_IP}, 256); more: 429 and closed
 */
public record Limits(int maxFrameBytes, int maxMessageLength, int framesPerSecond, int messagesPerSecond,
                     int connectionsPerAddress, int connectionsPerUser, int signInsPerMinute,
                     Duration handshakeTimeout, Duration slowClientLimit, Duration idleTimeout,
                     Duration requestTimeout, int httpConnectionsPerAddress) {

    public Limits {
        within("CHAT_MAX_FRAME_BYTES", maxFrameBytes, 1024, 16 * 1024 * 1024);
        within("CHAT_MAX_MESSAGE_LENGTH", maxMessageLength, 1, 1_000_000);
        if (maxMessageLength > maxFrameBytes) {
            throw new ConfigException("CHAT_MAX_MESSAGE_LENGTH (" + maxMessageLength + ") must not be more than "
                    + "CHAT_MAX_FRAME_BYTES (" + maxFrameBytes + "): a longer message could never arrive");
        }
        within("CHAT_FRAMES_PER_SECOND", framesPerSecond, 0, 100_000);
        within("CHAT_MESSAGES_PER_SECOND", messagesPerSecond, 0, 100_000);
        within("CHAT_MAX_CONNECTIONS_PER_IP", connectionsPerAddress, 0, 10_000_000);
        within("CHAT_MAX_CONNECTIONS_PER_USER", connectionsPerUser, 0, 10_000_000);
        within("CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", signInsPerMinute, 0, 100_000);
        within("CHAT_HANDSHAKE_TIMEOUT_SECONDS", handshakeTimeout.toSeconds(), 1, 300);
        within("CHAT_SLOW_CLIENT_SECONDS", slowClientLimit.toSeconds(), 1, 3600);
        within("CHAT_IDLE_TIMEOUT_SECONDS", idleTimeout.toSeconds(), 3, 3600);
        within("CHAT_REQUEST_TIMEOUT_SECONDS", requestTimeout.toSeconds(), 1, 3600);
        if (requestTimeout.compareTo(handshakeTimeout) < 0) {
            throw new ConfigException("CHAT_REQUEST_TIMEOUT_SECONDS (" + requestTimeout.toSeconds() + ") must not be "
                    + "less than CHAT_HANDSHAKE_TIMEOUT_SECONDS (" + handshakeTimeout.toSeconds() + "): a connection's "
                    + "first request has the handshake time-out for its head and the request time-out for all of it");
        }
        within("CHAT_MAX_HTTP_CONNECTIONS_PER_IP", httpConnectionsPerAddress, 0, 10_000_000);
    }

    public static Limits defaults() {
        return new Limits(64 * 1024, 4000, 20, 5, 1000, 20, 10, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(30), 256);
    }

    /** Frames a connection may send a second ({@code CHAT_FRAMES_PER_SECOND}; 0: no limit). */
    public Limits withFramesPerSecond(int frames) {
        return new Limits(maxFrameBytes, maxMessageLength, frames, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, slowClientLimit, idleTimeout, requestTimeout,
                httpConnectionsPerAddress);
    }

    /** No rate or count limits (sizes and time-outs stay): for load tests and tests that flood on purpose. */
    public Limits withoutRateLimits() {
        return new Limits(maxFrameBytes, maxMessageLength, 0, 0, 0, 0, 0, handshakeTimeout, slowClientLimit,
                idleTimeout, requestTimeout, 0);
    }

    public Limits withMaxMessageLength(int length) {
        return new Limits(maxFrameBytes, length, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, slowClientLimit, idleTimeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withSlowClientLimit(Duration limit) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, limit, idleTimeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withIdleTimeout(Duration timeout) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, slowClientLimit, timeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withHandshakeTimeout(Duration timeout) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, timeout, slowClientLimit, idleTimeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withConnectionCaps(int perAddress, int perUser) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, perAddress, perUser,
                signInsPerMinute, handshakeTimeout, slowClientLimit, idleTimeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withSignInsPerMinute(int attempts) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, attempts, handshakeTimeout, slowClientLimit, idleTimeout,
                requestTimeout, httpConnectionsPerAddress);
    }

    public Limits withRequestTimeout(Duration timeout) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, slowClientLimit, idleTimeout, timeout,
                httpConnectionsPerAddress);
    }

    public Limits withHttpConnectionsPerAddress(int cap) {
        return new Limits(maxFrameBytes, maxMessageLength, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, signInsPerMinute, handshakeTimeout, slowClientLimit, idleTimeout, requestTimeout,
                cap);
    }

    private static void within(String name, long value, long lowest, long highest) {
        if (value < lowest || value > highest) {
            throw new ConfigException(name + " must be from " + lowest + " to " + highest
                    + (lowest == 0 ? " (0: no limit)" : "") + ", got " + value);
        }
    }
}
