package dev.parley.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's settings. {@link #fromEnvironment} is the one place environment variables are read; the README's
 * configuration table lists them.
 *
 * @param host        the address to listen on ({@code CHAT_HOST}, default {@value #DEFAULT_HOST}: every interface)
 * @param port        the port to listen on ({@code CHAT_PORT}, default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param redisUrl    the Redis of the multi-node channel layer ({@code CHAT_REDIS_URL}), or several, comma-separated,
 *                    to spread it over them, or nodes (seeds) of one Redis Cluster; empty: in-memory, one node
 * @param redisKeyPrefix the start of every Redis key and topic ({@code CHAT_REDIS_KEY_PREFIX}), so several deployments
 *                    can share one Redis
 * @param presenceTtl how long a gateway's users stay in presence after it stops renewing them, i.e. after it
 *                    died ({@code CHAT_PRESENCE_TTL_SECONDS}, default 20; they vanish within 1.25 times this)
 * @param databaseUrl the Postgres history store ({@code CHAT_DATABASE_URL}, {@code r2dbc:postgresql://…}); empty:
 *                    an embedded database under the data directory
 * @param dataDir     where the embedded database lives ({@code CHAT_DATA_DIR}, default {@code ./data})
 * @param drainDeadline how long a stopping gateway (SIGTERM) takes at most to tell its clients to reconnect elsewhere
 *                    and finish pending writes ({@code CHAT_DRAIN_SECONDS}, default 20)
 * @param logFormat   {@code text} (default) or {@code json}, one object a line ({@code CHAT_LOG_FORMAT}; logback.xml
 *                    reads the same variable, this checks it)
 * @param allowedOrigins the web pages that may open WebSockets ({@code CHAT_ALLOWED_ORIGINS}, comma-separated
 *                    origins or {@code *}); empty (default): pages of the host the client connected to
 * @param allowGuests whether visitors who have not signed in may chat ({@code CHAT_ALLOW_GUESTS}, default true)
 * @param sessionSecret the key that signs session cookies, shared by every gateway of a deployment
 *                    ({@code CHAT_SESSION_SECRET}, at least 32 characters, not {@link #EXAMPLE_SESSION_SECRET});
 *                    empty: a random key made at start
 * @param trustProxy  whether to take the client's address from the last entry of {@code X-Forwarded-For}, as set
 *                    by the load balancer in front ({@code CHAT_TRUST_PROXY}, default false)
 * @param limits      what one client may do ({@link Limits})
 * @param managementHost the address of the operations endpoints, {@code /metrics}, {@code /healthz} and
 *                    {@code /readyz} ({@code CHAT_MANAGEMENT_HOST}, default {@value #DEFAULT_MANAGEMENT_HOST}: this
 *                    machine only; containers set 0.0.0.0 for probes and scrapers)
 * @param managementPort their port ({@code CHAT_MANAGEMENT_PORT}, default {@value #DEFAULT_MANAGEMENT_PORT}; 0 picks a
 *                    free one); never the chat's port, so that what they tell stays off the public one
 * @param ipv6PrefixLength how many leading bits of an IPv6 address name one client for the per-address caps and the
 *                    sign-in throttle ({@code CHAT_IPV6_PREFIX_LENGTH}, default {@value #DEFAULT_IPV6_PREFIX_LENGTH},
 *                    32 to 128; 128: every address on its own)
 * @param allowedHosts the names this service is reached by ({@code CHAT_ALLOWED_HOSTS}, comma-separated, with an
 *                    optional port); a request or handshake whose {@code Host} is not one of them gets 400; empty
 *                    (default): any
 * @param blockingThreads the most threads that blocking consumers and {@code tasks().blocking} calls run on at once
 *                    ({@code CHAT_BLOCKING_THREADS}, default {@value #DEFAULT_BLOCKING_THREADS}, 1 to 10000); more
 *                    work waits for a free one
 * @param historyRetention how long history is kept ({@code CHAT_HISTORY_RETENTION_DAYS}, 1 to
 *                    {@value #MAX_HISTORY_RETENTION_DAYS} days); empty (default): forever. On Postgres whole months
 *                    are dropped once all older; on the embedded database older rows are deleted
 */
public record GatewayConfig(String host, int port, Optional<String> redisUrl, String redisKeyPrefix,
                            Duration presenceTtl, Optional<String> databaseUrl, Path dataDir,
                            Duration drainDeadline, String logFormat, List<String> allowedOrigins,
                            boolean allowGuests, Optional<String> sessionSecret, boolean trustProxy, Limits limits,
                            String managementHost, int managementPort, int ipv6PrefixLength,
                            List<String> allowedHosts, int blockingThreads, Optional<Duration> historyRetention) {

    /** Every environment variable the gateway reads, for deployment files to be checked against. */
    public static final List<String> SETTINGS = List.of("CHAT_HOST", "CHAT_PORT", "CHAT_REDIS_URL",
            "CHAT_REDIS_KEY_PREFIX", "CHAT_PRESENCE_TTL_SECONDS", "CHAT_DATABASE_URL", "CHAT_DATA_DIR",
            "CHAT_DRAIN_SECONDS", "CHAT_LOG_FORMAT", "CHAT_ALLOWED_ORIGINS", "CHAT_MAX_FRAME_BYTES",
            "CHAT_SLOW_CLIENT_SECONDS", "CHAT_ALLOW_GUESTS", "CHAT_SESSION_SECRET",
            "CHAT_FRAMES_PER_SECOND", "CHAT_MESSAGES_PER_SECOND", "CHAT_MAX_CONNECTIONS_PER_IP",
            "CHAT_MAX_CONNECTIONS_PER_USER", "CHAT_IDLE_TIMEOUT_SECONDS", "CHAT_TRUST_PROXY",
            "CHAT_MAX_MESSAGE_LENGTH", "CHAT_HANDSHAKE_TIMEOUT_SECONDS", "CHAT_SIGNIN_ATTEMPTS_PER_MINUTE",
            "CHAT_REQUEST_TIMEOUT_SECONDS", "CHAT_MAX_HTTP_CONNECTIONS_PER_IP",
            "CHAT_MANAGEMENT_HOST", "CHAT_MANAGEMENT_PORT", "CHAT_IPV6_PREFIX_LENGTH", "CHAT_ALLOWED_HOSTS",
            "CHAT_BLOCKING_THREADS", "CHAT_HISTORY_RETENTION_DAYS");

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_REDIS_KEY_PREFIX = "parley";
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(20);
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Duration DEFAULT_DRAIN_DEADLINE = Duration.ofSeconds(20);
    public static final String DEFAULT_LOG_FORMAT = "text";
    public static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
    public static final int DEFAULT_MANAGEMENT_PORT = 9090;
    public static final int DEFAULT_IPV6_PREFIX_LENGTH = 64;
    public static final int DEFAULT_BLOCKING_THREADS = 512;
    public static final int MAX_HISTORY_RETENTION_DAYS = 36_500;
    /**
     * The session key written in k8s/secret.yaml for anyone to read: a gateway given it refuses to start, so that no
     * deployment signs its sessions with a key everyone knows (and so anyone could sign in as anyone).
     */
    public static final String EXAMPLE_SESSION_SECRET = "example-only-refused-by-the-gateway-make-your-own-with-openssl";

    public GatewayConfig {
        if (port < 0 || port > 65_535) {
            throw new ConfigException("CHAT_PORT must be a whole number from 0 to 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException("CHAT_HOST must be an address such as 0.0.0.0 or 127.0.0.1");
        }
        if (presenceTtl.compareTo(Duration.ofSeconds(1)) < 0 || presenceTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("CHAT_PRESENCE_TTL_SECONDS must be from 1 to 3600, got "
                    + presenceTtl.toSeconds());
        }
        if (!redisKeyPrefix.matches("[A-Za-z0-9_.-]{1,40}")) {
            throw new ConfigException("CHAT_REDIS_KEY_PREFIX must be 1 to 40 letters, digits, '-', '_' or '.', got '"
                    + redisKeyPrefix + "'");
        }
        if (drainDeadline.compareTo(Duration.ofSeconds(1)) < 0 || drainDeadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("CHAT_DRAIN_SECONDS must be from 1 to 600, got " + drainDeadline.toSeconds());
        }
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException("CHAT_LOG_FORMAT must be text or json, got '" + logFormat + "'");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(limits, "limits");
        for (String origin : allowedOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+/?")) {
                throw new ConfigException("CHAT_ALLOWED_ORIGINS must list origins such as https://chat.example.com "
                        + "(scheme, host and port only), or *; got '" + origin + "'");
            }
        }
        if (managementPort < 0 || managementPort > 65_535) {
            throw new ConfigException("CHAT_MANAGEMENT_PORT must be a whole number from 0 to 65535, got "
                    + managementPort);
        }
        if (managementPort != 0 && managementPort == port) {
            throw new ConfigException("CHAT_MANAGEMENT_PORT must differ from CHAT_PORT (" + port + "): the "
                    + "operations endpoints are kept off the public port");
        }
        if (managementHost == null || managementHost.isBlank()) {
            throw new ConfigException("CHAT_MANAGEMENT_HOST must be an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (blockingThreads < 1 || blockingThreads > 10_000) {
            throw new ConfigException("CHAT_BLOCKING_THREADS must be from 1 to 10000, got " + blockingThreads);
        }
        Objects.requireNonNull(historyRetention, "historyRetention");
        if (historyRetention.filter(kept -> kept.toDays() < 1 || kept.toDays() > MAX_HISTORY_RETENTION_DAYS).isPresent()) {
            throw new ConfigException("CHAT_HISTORY_RETENTION_DAYS must be from 1 to " + MAX_HISTORY_RETENTION_DAYS
                    + " (unset: keep history forever), got " + historyRetention.get().toDays());
        }
        if (ipv6PrefixLength < 32 || ipv6PrefixLength > 128) {
            throw new ConfigException("CHAT_IPV6_PREFIX_LENGTH must be from 32 to 128, got " + ipv6PrefixLength);
        }
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
        for (String allowedHost : allowedHosts) {
            if (!allowedHost.matches("(\\[[0-9a-f:.]+]|[a-z0-9.-]+)(:[0-9]{1,5})?")) {
                throw new ConfigException("CHAT_ALLOWED_HOSTS must list host names such as chat.example.com or "
                        + "chat.example.com:8080, comma-separated; got '" + allowedHost + "'");
            }
        }
        if (sessionSecret.isPresent() && sessionSecret.get().length() < 32) {
            throw new ConfigException("CHAT_SESSION_SECRET must have at least 32 characters (e.g. the output of "
                    + "`openssl rand -hex 32`), got " + sessionSecret.get().length());
        }
        if (sessionSecret.filter(EXAMPLE_SESSION_SECRET::equals).isPresent()) {
            throw new ConfigException("""
                    CHAT_SESSION_SECRET is the example from Parley's k8s/secret.yaml: anyone can read it, and with it \
                    sign in as anyone. Make a key of your own with `openssl rand -hex 32`. On Kubernetes, put one \
                    in the Secret and restart the gateways:
                      kubectl -n parley patch secret parley -p "{\\"stringData\\":{\\"CHAT_SESSION_SECRET\\":\\"$(openssl rand -hex 32)\\"}}"
                      kubectl -n parley rollout restart deployment parley-gateway
                    and remove secret.yaml from k8s/kustomization.yaml (cd k8s && kustomize edit remove resource \
                    secret.yaml), or the next `kubectl apply -k` writes the example back. See docs/deployment.md.""");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), DEFAULT_REDIS_KEY_PREFIX,
                DEFAULT_PRESENCE_TTL, Optional.empty(), DEFAULT_DATA_DIR, DEFAULT_DRAIN_DEADLINE, DEFAULT_LOG_FORMAT,
                List.of(), true, Optional.empty(), false, Limits.defaults(), DEFAULT_MANAGEMENT_HOST,
                DEFAULT_MANAGEMENT_PORT, DEFAULT_IPV6_PREFIX_LENGTH, List.of(), DEFAULT_BLOCKING_THREADS,
                Optional.empty());
    }

    /** Reads every {@code CHAT_*} setting; an invalid value fails with a {@link ConfigException} naming it. */
    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        return new GatewayConfig(
                text(env, "CHAT_HOST").orElse(DEFAULT_HOST),
                port(text(env, "CHAT_PORT")),
                urls(env, "CHAT_REDIS_URL", "redis://", "rediss://"),
                text(env, "CHAT_REDIS_KEY_PREFIX").orElse(DEFAULT_REDIS_KEY_PREFIX),
                Duration.ofSeconds(wholeNumber(env, "CHAT_PRESENCE_TTL_SECONDS", DEFAULT_PRESENCE_TTL.toSeconds())),
                urls(env, "CHAT_DATABASE_URL", "r2dbc:postgresql://"),
                text(env, "CHAT_DATA_DIR").map(Path::of).orElse(DEFAULT_DATA_DIR),
                Duration.ofSeconds(wholeNumber(env, "CHAT_DRAIN_SECONDS", DEFAULT_DRAIN_DEADLINE.toSeconds())),
                text(env, "CHAT_LOG_FORMAT").orElse(DEFAULT_LOG_FORMAT),
                text(env, "CHAT_ALLOWED_ORIGINS").map(GatewayConfig::commaList).orElse(List.of()),
                yesOrNo(env, "CHAT_ALLOW_GUESTS", true),
                text(env, "CHAT_SESSION_SECRET"),
                yesOrNo(env, "CHAT_TRUST_PROXY", false),
                limitsFrom(env),
                text(env, "CHAT_MANAGEMENT_HOST").orElse(DEFAULT_MANAGEMENT_HOST),
                count(env, "CHAT_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT),
                count(env, "CHAT_IPV6_PREFIX_LENGTH", DEFAULT_IPV6_PREFIX_LENGTH),
                text(env, "CHAT_ALLOWED_HOSTS").map(GatewayConfig::commaList).orElse(List.of()),
                count(env, "CHAT_BLOCKING_THREADS", DEFAULT_BLOCKING_THREADS),
                text(env, "CHAT_HISTORY_RETENTION_DAYS")
                        .map(days -> Duration.ofDays(Math.max(-MAX_HISTORY_RETENTION_DAYS - 1L, Math.min(
                                MAX_HISTORY_RETENTION_DAYS + 1L, wholeNumber(env, "CHAT_HISTORY_RETENTION_DAYS", 0))))));
    }

    private static Limits limitsFrom(Map<String, String> env) {
        Limits defaults = Limits.defaults();
        long handshakeSeconds = wholeNumber(env, "CHAT_HANDSHAKE_TIMEOUT_SECONDS",
                defaults.handshakeTimeout().toSeconds());
        return new Limits(
                count(env, "CHAT_MAX_FRAME_BYTES", defaults.maxFrameBytes()),
                count(env, "CHAT_MAX_MESSAGE_LENGTH", defaults.maxMessageLength()),
                count(env, "CHAT_FRAMES_PER_SECOND", defaults.framesPerSecond()),
                count(env, "CHAT_MESSAGES_PER_SECOND", defaults.messagesPerSecond()),
                count(env, "CHAT_MAX_CONNECTIONS_PER_IP", defaults.connectionsPerAddress()),
                count(env, "CHAT_MAX_CONNECTIONS_PER_USER", defaults.connectionsPerUser()),
                count(env, "CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", defaults.signInsPerMinute()),
                Duration.ofSeconds(handshakeSeconds),
                Duration.ofSeconds(wholeNumber(env, "CHAT_SLOW_CLIENT_SECONDS",
                        defaults.slowClientLimit().toSeconds())),
                Duration.ofSeconds(wholeNumber(env, "CHAT_IDLE_TIMEOUT_SECONDS", defaults.idleTimeout().toSeconds())),
                // Unset, it is never shorter than a handshake time-out that was set: a longer one keeps working.
                Duration.ofSeconds(wholeNumber(env, "CHAT_REQUEST_TIMEOUT_SECONDS",
                        Math.max(defaults.requestTimeout().toSeconds(), handshakeSeconds))),
                count(env, "CHAT_MAX_HTTP_CONNECTIONS_PER_IP", defaults.httpConnectionsPerAddress()));
    }

    private static int count(Map<String, String> env, String name, int fallback) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, wholeNumber(env, name, fallback)));
    }

    public GatewayConfig withBlockingThreads(int threads) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, threads,
                historyRetention);
    }

    public GatewayConfig withHistoryRetention(Duration kept) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads, Optional.of(kept));
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withHost(String newHost) {
        return new GatewayConfig(newHost, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withDataDir(Path directory) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, directory,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withDrainDeadline(Duration deadline) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir, deadline,
                logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withDatabase(String r2dbcUrl) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, Optional.of(r2dbcUrl), dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withRedis(String urls, String keyPrefix) {
        return new GatewayConfig(host, port, Optional.of(urls), keyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withAllowedOrigins(List<String> origins) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, origins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withGuests(boolean allowed) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowed, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withTrustProxy(boolean trusted) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trusted, limits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withLimits(Limits newLimits) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, newLimits,
                managementHost, managementPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withManagementPort(int newPort) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, newPort, ipv6PrefixLength, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withIpv6PrefixLength(int bits) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, bits, allowedHosts, blockingThreads,
                historyRetention);
    }

    public GatewayConfig withAllowedHosts(List<String> hosts) {
        return new GatewayConfig(host, port, redisUrl, redisKeyPrefix, presenceTtl, databaseUrl, dataDir,
                drainDeadline, logFormat, allowedOrigins, allowGuests, sessionSecret, trustProxy, limits,
                managementHost, managementPort, ipv6PrefixLength, hosts, blockingThreads,
                historyRetention);
    }

    private static boolean yesOrNo(Map<String, String> env, String name, boolean fallback) {
        Optional<String> value = text(env, name).map(v -> v.toLowerCase(java.util.Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + value.get() + "'");
        };
    }

    private static List<String> commaList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
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

    private static long wholeNumber(Map<String, String> env, String name, long fallback) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value.get() + "'");
        }
    }

    /** A URL, or a comma-separated list of them, each starting with one of the schemes. */
    private static Optional<String> urls(Map<String, String> env, String name, String... schemes) {
        Optional<String> value = text(env, name);
        value.ifPresent(list -> {
            for (String url : list.split(",")) {
                boolean known = false;
                for (String scheme : schemes) {
                    known |= url.trim().startsWith(scheme);
                }
                if (!known) {
                    throw new ConfigException(name + " must start with " + String.join(" or ", schemes) + ", got '"
                            + url.trim() + "'");
                }
            }
        });
        return value;
    }
}
