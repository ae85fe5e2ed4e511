package dev.parley.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * The gateway's settings. {@link #fromEnvironment} is the one place environment variables are read; the README's
 * configuration table lists them.
 *
 * @param host        the address to listen on ({@code CHAT_HOST}, default {@value #DEFAULT_HOST}: every interface)
 * @param port        the port to listen on ({@code CHAT_PORT}, default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param redisUrl    the Redis of the multi-node channel layer ({@code CHAT_REDIS_URL}); empty: in-memory, one node
 * @param databaseUrl the history store ({@code CHAT_DATABASE_URL}); not used yet
 */
public record GatewayConfig(String host, int port, Optional<String> redisUrl, Optional<String> databaseUrl) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;

    public GatewayConfig {
        if (port < 0 || port > 65_535) {
            throw new ConfigException("CHAT_PORT must be a whole number from 0 to 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException("CHAT_HOST must be an address such as 0.0.0.0 or 127.0.0.1");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), Optional.empty());
    }

    /** Reads every {@code CHAT_*} setting; an invalid value fails with a {@link ConfigException} naming it. */
    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        return new GatewayConfig(
                text(env, "CHAT_HOST").orElse(DEFAULT_HOST),
                port(text(env, "CHAT_PORT")),
                url(env, "CHAT_REDIS_URL", "redis://", "rediss://"),
                url(env, "CHAT_DATABASE_URL", "r2dbc:"));
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, redisUrl, databaseUrl);
    }

    public GatewayConfig withHost(String newHost) {
        return new GatewayConfig(newHost, port, redisUrl, databaseUrl);
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int port(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigException("CHAT_PORT must be a whole number from 0 to 65535, got '" + value.get() + "'");
        }
    }

    private static Optional<String> url(Map<String, String> env, String name, String... schemes) {
        Optional<String> value = text(env, name);
        value.ifPresent(url -> {
            for (String scheme : schemes) {
                if (url.startsWith(scheme)) {
                    return;
                }
            }
            throw new ConfigException(name + " must start with " + String.join(" or ", schemes) + ", got '" + url + "'");
        });
        return value;
    }
}
