package dev.parley.gateway;

import java.time.Duration;

/**
 * What one client may do, with defaults that protect a public server (docs/security.md lists them). Read from the
 * environment by {@link GatewayConfig#fromEnvironment}; 0 turns a count or rate limit off.
 *
 * @param maxFrameBytes        the largest WebSocket message ({@code CHAT_MAX_FRAME_BYTES}, 64 KiB); larger: 1009
 * @param framesPerSecond      frames a connection may send a second, bursts of twice that
 *                             ({@code CHAT_FRAMES_PER_SECOND}, 20)
 * @param messagesPerSecond    chat messages a user may post a second on this gateway, bursts of three times that
 *                             ({@code CHAT_MESSAGES_PER_SECOND}, 5)
 * @param connectionsPerAddress open WebSockets from one client address ({@code CHAT_MAX_CONNECTIONS_PER_IP}, 1000)
 * @param connectionsPerUser   open WebSockets of one signed-in user ({@code CHAT_MAX_CONNECTIONS_PER_USER}, 20)
 * @param slowClientLimit      how long a message may wait for a client that does not read before it is closed with
 *                             1008 ({@code CHAT_SLOW_CLIENT_SECONDS}, 10)
 * @param idleTimeout          how long a connection may send nothing, not even the answer to a ping, before it is
 *                             dropped; pings go out every third of it ({@code CHAT_IDLE_TIMEOUT_SECONDS}, 60)
 */
public record Limits(int maxFrameBytes, int framesPerSecond, int messagesPerSecond, int connectionsPerAddress,
                     int connectionsPerUser, Duration slowClientLimit, Duration idleTimeout) {

    /** How long a consumer may take to accept or refuse a handshake before it is refused with 503. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public Limits {
        within("CHAT_MAX_FRAME_BYTES", maxFrameBytes, 1024, 16 * 1024 * 1024);
        within("CHAT_FRAMES_PER_SECOND", framesPerSecond, 0, 100_000);
        within("CHAT_MESSAGES_PER_SECOND", messagesPerSecond, 0, 100_000);
        within("CHAT_MAX_CONNECTIONS_PER_IP", connectionsPerAddress, 0, 10_000_000);
        within("CHAT_MAX_CONNECTIONS_PER_USER", connectionsPerUser, 0, 10_000_000);
        within("CHAT_SLOW_CLIENT_SECONDS", slowClientLimit.toSeconds(), 1, 3600);
        within("CHAT_IDLE_TIMEOUT_SECONDS", idleTimeout.toSeconds(), 3, 3600);
    }

    public static Limits defaults() {
        return new Limits(64 * 1024, 20, 5, 1000, 20, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** No rate or count limits (sizes and time-outs stay): for load tests and tests that flood on purpose. */
    public Limits withoutRateLimits() {
        return new Limits(maxFrameBytes, 0, 0, 0, 0, slowClientLimit, idleTimeout);
    }

    public Limits withSlowClientLimit(Duration limit) {
        return new Limits(maxFrameBytes, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, limit, idleTimeout);
    }

    public Limits withIdleTimeout(Duration timeout) {
        return new Limits(maxFrameBytes, framesPerSecond, messagesPerSecond, connectionsPerAddress,
                connectionsPerUser, slowClientLimit, timeout);
    }

    public Limits withConnectionCaps(int perAddress, int perUser) {
        return new Limits(maxFrameBytes, framesPerSecond, messagesPerSecond, perAddress, perUser, slowClientLimit,
                idleTimeout);
    }

    private static void within(String name, long value, long lowest, long highest) {
        if (value < lowest || value > highest) {
            throw new ConfigException(name + " must be from " + lowest + " to " + highest
                    + (lowest == 0 ? " (0: no limit)" : "") + ", got " + value);
        }
    }
}
