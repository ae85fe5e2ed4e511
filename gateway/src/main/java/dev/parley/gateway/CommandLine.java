package dev.parley.gateway;

import dev.parley.gateway.ops.HealthCheckCommand;
import dev.parley.gateway.ops.OpenFileLimit;
import dev.parley.gateway.worker.RunWorkerCommand;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of a server, {@link ParleyServer#run}: serves (no arguments), checks health, or prints its usage;
 * configured by {@code CHAT_*} environment variables.
 */
final class CommandLine {

    private static final Logger log = LoggerFactory.getLogger(CommandLine.class);

    private CommandLine() {
    }

    static void run(String[] args, ParleyServer server) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("parley: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("--check-health")) {
            System.exit(HealthCheckCommand.run(config, arguments.size() > 1 ? arguments.get(1) : "/healthz"));
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals(RunWorkerCommand.NAME)) {
            System.exit(RunWorkerCommand.run(arguments.subList(1, arguments.size()), config, server.workers()));
            return;
        }
        if (!arguments.isEmpty()) {
            System.err.println("parley: unknown argument '" + arguments.get(0) + "'; see --help");
            System.exit(2);
            return;
        }

        if (config.redisUrl().isPresent() && config.databaseUrl().isEmpty()) {
            log.warn("CHAT_REDIS_URL is set but CHAT_DATABASE_URL is not: this gateway keeps its own history in {}, "
                    + "so gateways sharing rooms will not share history. Point every gateway at one Postgres.",
                    config.dataDir().toAbsolutePath().normalize());
        }
        if (config.sessionSecret().isEmpty() && config.redisUrl().isPresent()) {
            log.warn("CHAT_SESSION_SECRET is not set: sign-ins are signed with a key made at start, so other "
                    + "gateways do not accept them and they end when this one restarts. Give every gateway the same "
                    + "secret (e.g. `openssl rand -hex 32`).");
        }
        OpenFileLimit.ofThisProcess().ifPresent(limit -> OpenFileLimit.warningFor(limit).ifPresent(log::warn));
        Vertx vertx = Vertx.vertx(new VertxOptions()
                // Linux epoll where it is there (the jar carries it for x86_64): fewer system calls per frame than NIO.
                .setPreferNativeTransport(true)
                .setFileSystemOptions(new FileSystemOptions()
                        // Vert.x unpacks classpath files it serves; keep them out of the working directory.
                        .setFileCacheDir(Path.of(System.getProperty("java.io.tmpdir"), "parley-vertx-cache").toString())));
        if (!vertx.isNativeTransportEnabled()) {
            log.info("native transport unavailable ({}); using Java NIO", vertx.unavailableNativeTransportCause());
        }
        Gateway gateway;
        try {
            gateway = server.start(vertx, config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            System.err.println("parley: could not start: " + explain(e.getCause(), config));
            vertx.close();
            System.exit(1);
            return;
        } catch (InterruptedException | TimeoutException e) {
            System.err.println("parley: could not start within 30 s: " + e);
            vertx.close();
            System.exit(1);
            return;
        }
        log.info("Parley chat is running: open {} (channel layer: {}; store: {}; metrics: {}). Stop with Ctrl-C.",
                gateway.url(), gateway.layerDescription(), gateway.storeDescription(), gateway.metricsUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, gateway), "parley-shutdown"));
    }

    private static void stop(Vertx vertx, Gateway gateway) {
        long deadline = gateway.drainDeadline().toSeconds();
        log.info("Draining: asking {} connection(s) to reconnect elsewhere (1012), finishing pending writes; "
                + "exit within {} s", gateway.connectionCount(), deadline);
        try {
            gateway.stop().eventually(v -> vertx.close())
                    .toCompletionStage().toCompletableFuture().get(deadline, TimeUnit.SECONDS);
            log.info("Stopped");
        } catch (TimeoutException e) {
            log.warn("Did not finish draining within CHAT_DRAIN_SECONDS ({} s): exiting anyway", deadline);
        } catch (Exception e) {
            log.warn("Did not stop cleanly: {}", e.toString());
        }
    }

    private static String explain(Throwable cause, GatewayConfig config) {
        if (cause instanceof java.net.BindException) {
            return "cannot listen on " + config.host() + ":" + config.port() + " (" + cause.getMessage()
                    + "); set CHAT_PORT to a free port";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static final String USAGE = """
            Parley chat gateway: real-time chat in the style of Django Channels.

            Usage: java -jar chat-gateway.jar                 start the gateway
                   java -jar chat-gateway.jar --check-health [PATH]
                                 exit 0 if the gateway of this machine answers 200 at PATH on its
                                 CHAT_MANAGEMENT_PORT (default /healthz; /readyz: 200 unless the gateway is
                                 draining), else 1: for container health checks
                   java -jar chat-gateway.jar runworker CHANNEL [CHANNEL...]
                                 run the background workers registered for these named channels (no '!')
                                 until SIGTERM or Ctrl-C: each job sent to a channel goes to exactly one
                                 worker process serving it. Needs CHAT_REDIS_URL (and the gateways'
                                 CHAT_REDIS_KEY_PREFIX); exit 2 for an unknown channel or without Redis

            Configured by environment variables:
              CHAT_HOST          address to listen on (default 0.0.0.0: every interface)
              CHAT_PORT          port to listen on (default 8080; 0 picks a free port)
              CHAT_REDIS_URL     Redis for a channel layer shared by several gateways, e.g. redis://127.0.0.1:6379;
                                 several URLs, comma-separated, spread it over several Redis servers;
                                 a node of a Redis Cluster (detected at start) uses the whole cluster
                                 (default unset: in memory, one node)
              CHAT_REDIS_KEY_PREFIX  start of every Redis key and topic (default parley)
              CHAT_PRESENCE_TTL_SECONDS  with Redis: a dead gateway's users leave presence within 1.25 times
                                 this (default 20)
              CHAT_DATABASE_URL  Postgres for history, r2dbc:postgresql://user:password@host:5432/database
                                 (default unset: an embedded database in CHAT_DATA_DIR)
              CHAT_DATA_DIR      where the embedded database lives (default ./data)
              CHAT_HISTORY_RETENTION_DAYS  keep history this many days, 1 to 36500: on Postgres whole months
                                 are dropped once all older, on the embedded database older messages are deleted
                                 (default unset: forever)
              CHAT_DRAIN_SECONDS on SIGTERM, the longest the gateway takes to ask its clients to reconnect
                                 elsewhere (close 1012) and finish pending writes before it exits (default 20)
              CHAT_ALLOWED_ORIGINS  web pages that may open WebSockets: origins such as https://chat.example.com,
                                 comma-separated, or * (default unset: pages of the host connected to)
              CHAT_MAX_FRAME_BYTES  the largest WebSocket message; larger closes with 1009 (default 65536)
              CHAT_MAX_MESSAGE_LENGTH  the longest chat message in characters; longer: error message_too_long
                                 (default 4000)
              CHAT_HANDSHAKE_TIMEOUT_SECONDS  a new connection that has not sent a whole request (the
                                 handshake's headers) this long after opening is closed, and a handshake no
                                 consumer decided on in this time gets 503 (default 10)
              CHAT_REQUEST_TIMEOUT_SECONDS  each HTTP request must arrive whole, head and body, this long
                                 after its first byte (the first request: after opening); slower gets 408 and
                                 is closed (default 30; at least CHAT_HANDSHAKE_TIMEOUT_SECONDS)
              CHAT_SLOW_CLIENT_SECONDS  a client whose messages waited this long for it to read is closed
                                 with 1008 (default 10)
              CHAT_ALLOW_GUESTS  false: only signed-in users may chat or read the history (default true)
              CHAT_SESSION_SECRET  the key signing session cookies, at least 32 characters, the same on every
                                 gateway; not the example of k8s/secret.yaml (default unset: a random key per
                                 process; sign-ins end at restart)
              CHAT_FRAMES_PER_SECOND  frames a connection may send a second, bursts of twice that (default 20;
                                 0: no limit); over it: error rate_limited, and a flood closes with 1008
              CHAT_MESSAGES_PER_SECOND  chat messages a user may post a second on this gateway, bursts of three
                                 times that (default 5; 0: no limit)
              CHAT_MAX_CONNECTIONS_PER_IP  WebSockets from one address; more get 429 (default 1000; 0: no cap)
              CHAT_MAX_HTTP_CONNECTIONS_PER_IP  plain HTTP connections (not WebSockets) from one address;
                                 more get 429 and are closed (default 256; 0: no cap)
              CHAT_MAX_CONNECTIONS_PER_USER  WebSockets of one signed-in user (default 20; 0: no cap)
              CHAT_SIGNIN_ATTEMPTS_PER_MINUTE  sign-in and sign-up attempts a minute from one address, and
                                 sign-in attempts a minute for one name; more get 429 (default 10; 0: no limit)
              CHAT_IDLE_TIMEOUT_SECONDS  silence (not even a pong to the pings every third of it) after which a
                                 connection is dropped (default 60)
              CHAT_TRUST_PROXY   true behind a load balancer: a client's address is the last X-Forwarded-For
                                 entry (default false)
              CHAT_IPV6_PREFIX_LENGTH  the IPv6 addresses of one /N count as one client for the per-address
                                 caps and the sign-in throttle (default 64; 32 to 128, 128: each address alone)
              CHAT_ALLOWED_HOSTS  the host names this service is reached by, comma-separated, with an optional
                                 port; another Host header gets 400 (default unset: any)
              CHAT_MANAGEMENT_HOST  address of the operations endpoints (default 127.0.0.1: this machine only;
                                 0.0.0.0 in containers, for probes and Prometheus)
              CHAT_MANAGEMENT_PORT  their port, never CHAT_PORT (default 9090; 0 picks a free port); every
                                 gateway on one machine needs its own
              CHAT_BLOCKING_THREADS  the most threads blocking consumers run on at once; more work waits
                                 for a free one (default 512)
              CHAT_LOG_FORMAT    text (default) or json: one JSON object a line, for log collectors

            Operations, on CHAT_MANAGEMENT_PORT: /healthz (liveness), /readyz (readiness), /metrics (Prometheus).
            The chat's port serves /healthz too (it tells nothing but "up"), never /readyz or /metrics.

            Then open http://localhost:8080/ in a browser. Stop with Ctrl-C.
            """;
}
