package dev.parley.gateway;

import dev.parley.accounts.AccountStore;
import dev.parley.consumers.BlockingPool;
import dev.parley.gateway.auth.AllowedHosts;
import dev.parley.gateway.auth.Identity;
import dev.parley.gateway.auth.OriginPolicy;
import dev.parley.gateway.auth.SessionTokens;
import dev.parley.gateway.chat.ChatApp;
import dev.parley.gateway.http.AddressBlock;
import dev.parley.gateway.http.ConnectionCaps;
import dev.parley.gateway.http.HttpConnectionGuard;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.gateway.metrics.MeteredChannelLayer;
import dev.parley.gateway.metrics.MeteredMessageStore;
import dev.parley.gateway.middleware.MiddlewareStack;
import dev.parley.gateway.ops.HealthCheckCommand;
import dev.parley.gateway.ops.HistoryUpkeep;
import dev.parley.gateway.ops.ManagementPortUnavailable;
import dev.parley.gateway.ops.Operations;
import dev.parley.gateway.ws.OpenConnections;
import dev.parley.gateway.ws.WebSocketEndpoint;
import dev.parley.layer.ChannelLayer;
import dev.parley.store.MessageStore;
import dev.parley.store.R2dbcMessageStore;
import dev.parley.store.StoreSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The running gateway: HTTP and WebSocket servers on every core, the operations endpoints on a port of their own,
 * the channel layer, and the open connections.
 * {@link #start} wires the parts by hand from a {@link GatewayConfig}; {@link ParleyServer} says which apps it serves
 * and behind which middleware.
 */
public final class Gateway {

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ChannelLayerSetup.Opened opened;
    private final R2dbcMessageStore store;
    private final HistoryUpkeep upkeep;
    private final OpenConnections open;
    private final String deployment;
    private final int port;
    private final HttpServer management;
    private final RouteTable routes;
    private final BlockingPool blocking;

    private Gateway(Vertx vertx, GatewayConfig config, ChannelLayerSetup.Opened opened, R2dbcMessageStore store,
                    HistoryUpkeep upkeep, OpenConnections open, String deployment, int port, HttpServer management, RouteTable routes,
                    BlockingPool blocking) {
        this.vertx = vertx;
        this.config = config;
        this.opened = opened;
        this.store = store;
        this.upkeep = upkeep;
        this.open = open;
        this.deployment = deployment;
        this.port = port;
        this.management = management;
        this.routes = routes;
        this.blocking = blocking;
    }

    /**
     * Starts the Parley chat ({@link ChatApp}) behind the default middleware: what {@code java -jar} runs. Fails if
     * a setting cannot be served or the port is taken. Port 0 picks a free port that Vert.x shares among the servers
     * of one {@link Vertx}: two gateways on port 0 need a {@link Vertx} each, or they would take each other's
     * connections. To serve apps of your own, see {@link ParleyServer}.
     */
    public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
        return ParleyServer.create().app(new ChatApp()).start(vertx, config);
    }

    /** Opens the store and the channel layer, lets the apps add their routes, and starts listening. */
    static Future<Gateway> start(Vertx vertx, GatewayConfig config, List<App> apps,
                                 UnaryOperator<MiddlewareStack> middleware) {
        StoreSettings storeSettings;
        try {
            StoreSettings where = config.databaseUrl().map(StoreSettings::postgres)
                    .orElseGet(() -> StoreSettings.embedded(config.dataDir()));
            storeSettings = config.historyRetention().map(where::withRetention).orElse(where);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new ConfigException("CHAT_DATABASE_URL: " + e.getMessage()));
        }
        return R2dbcMessageStore.open(vertx, storeSettings).compose(store -> {
            // Before any client: the months a message may be stored in exist, and what the retention drops is gone.
            HistoryUpkeep upkeep = new HistoryUpkeep(vertx, store, Clock.systemUTC());
            return upkeep.start().compose(v -> ChannelLayerSetup.open(vertx, config))
                    .compose(opened -> startServers(vertx, config, opened, store, upkeep, apps, middleware)
                            .onFailure(e -> opened.close()))
                    .onFailure(e -> {
                        upkeep.stop();
                        store.close();
                    });
        });
    }

    private static Future<Gateway> startServers(Vertx vertx, GatewayConfig config, ChannelLayerSetup.Opened opened,
                                                R2dbcMessageStore store, HistoryUpkeep upkeep, List<App> apps,
                                                UnaryOperator<MiddlewareStack> middleware) {
        GatewayMetrics metrics = new GatewayMetrics();
        ChannelLayer layer = new MeteredChannelLayer(opened.layer(), metrics);
        MessageStore meteredStore = new MeteredMessageStore(store, metrics);
        OpenConnections open = new OpenConnections();
        metrics.gauge("parley.connections", "open WebSocket connections", open, OpenConnections::count);
        metrics.gauge("parley.channel.layer.up", "1 while the channel layer can deliver, 0 while it cannot "
                + "(Redis unreachable or pub/sub lost)", layer, up -> up.isHealthy() ? 1 : 0);
        open.watchForSlowClients(vertx, config.limits().slowClientLimit(), metrics::slowClientDisconnected);
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins(), config.trustProxy());
        SessionTokens sessions = new SessionTokens(config.sessionSecret()
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8)).orElseGet(Gateway::randomKey),
                Clock.systemUTC());
        AccountStore accounts = store.accounts();
        Identity identity = new Identity(sessions, accounts, config.allowGuests());
        BlockingPool blocking = BlockingPool.create(
                BlockingPool.Config.defaults().withMaxThreads(config.blockingThreads()));
        Services services = new Services(vertx, config, layer, opened.presence(), meteredStore, accounts,
                store.joinedRooms(), blocking,
                metrics, sessions, identity, origins, opened.counter());
        Operations operations = new Operations(layer, meteredStore, open::isDraining, metrics);
        RouteTable routes = new RouteTable().guard(new AllowedHosts(config.allowedHosts())::check);
        MiddlewareStack stack;
        try {
            apps.forEach(app -> app.routes(routes, services));
            // Liveness tells nothing but "up": load balancers that see only this port may ask it.
            routes.get("/healthz", operations::live);
            stack = middleware.apply(MiddlewareStack.defaults(config, origins, identity));
        } catch (RuntimeException e) {
            blocking.close();
            return Future.failedFuture(e);
        }
        WebSocketEndpoint webSockets = new WebSocketEndpoint(routes, stack, layer, open, metrics, config);
        open.pingEvery(vertx, config.limits().idleTimeout().dividedBy(3));
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());

        // One server per core. Vert.x shares one listening socket among servers of the same port; a negative
        // port does the same for a random port, which port 0 would not (each server would get its own).
        HttpServerOptions options = serverOptions(config, config.port() == 0 ? -1 : config.port(), routes);
        List<GatewayVerticle> servers = new CopyOnWriteArrayList<>();
        HttpConnectionGuard guard = new HttpConnectionGuard(new HttpConnectionGuard.Settings(
                config.limits().handshakeTimeout(), config.limits().requestTimeout(),
                new ConnectionCaps(config.limits().httpConnectionsPerAddress(), 0,
                        new AddressBlock(config.ipv6PrefixLength())), config.trustProxy(),
                metrics::requestTimedOut));
        Supplier<Verticle> server = () -> {
            GatewayVerticle verticle = new GatewayVerticle(options, routes, webSockets, guard);
            servers.add(verticle);
            return verticle;
        };
        // The management port first: a gateway whose probes cannot reach it must not take clients.
        return startManagement(vertx, config, managementRoutes(operations)).compose(management ->
                vertx.deployVerticle(server, new DeploymentOptions().setInstances(instances))
                        .map(id -> new Gateway(vertx, config, opened, store, upkeep, open, id,
                                servers.get(0).actualPort(), management, routes, blocking))
                        .onFailure(e -> {
                            management.close();
                            blocking.close();
                        }));
    }

    /**
     * The operations endpoints, on the management port ({@code CHAT_MANAGEMENT_PORT}) only: what they tell
     * (connection counts, restarts, throttling, whether Redis or the database is down) is for the operators.
     */
    private static RouteTable managementRoutes(Operations operations) {
        return new RouteTable()
                .get("/healthz", operations::live)
                .get("/readyz", operations::ready)
                .get("/metrics", operations::metrics);
    }

    /** One small server for the operations endpoints; they are asked a few times a minute, not once a client. */
    private static Future<HttpServer> startManagement(Vertx vertx, GatewayConfig config, RouteTable routes) {
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.managementHost())
                        .setPort(config.managementPort())
                        .setIdleTimeout(30))
                .requestHandler(routes.httpRouter(vertx))
                .listen()
                .recover(e -> Future.failedFuture(new ManagementPortUnavailable(config, e)));
    }

    /** A session key for this process alone, when CHAT_SESSION_SECRET is not set (Main warns about it). */
    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The routes of the public port, as the apps and the server made them. */
    RouteTable routes() {
        return routes;
    }

    /** The port the gateway listens on. */
    public int port() {
        return port;
    }

    /** The port of the operations endpoints ({@code /metrics}, {@code /healthz}, {@code /readyz}). */
    public int managementPort() {
        return management.actualPort();
    }

    /** Where the metrics are, for the start-up line. */
    public String metricsUrl() {
        return HealthCheckCommand.managementUri(config.managementHost(), managementPort(), "/metrics").toString();
    }

    /** The address to open in a browser. */
    public String url() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    /** Which channel layer serves the rooms, for the start-up line. */
    public String layerDescription() {
        return ChannelLayerSetup.describe(config);
    }

    /** Which store keeps the history, for the start-up line. */
    public String storeDescription() {
        return store.description();
    }

    /** Open WebSocket connections. */
    public int connectionCount() {
        return open.count();
    }

    /**
     * Drains the gateway, as on SIGTERM: readiness turns to 503 and new WebSockets are refused, every connection is
     * closed with 1012 so that its client reconnects to another gateway (waiting up to half the drain deadline for
     * them to go), then the servers, presence and the layer close, and last the store, once every pending write
     * has finished. Blocking work still running when the connections have gone is interrupted.
     */
    public Future<Void> stop() {
        return open.drain(vertx, config.drainDeadline().dividedBy(2))
                .compose(v -> vertx.undeploy(deployment))
                .eventually(v -> management.close())
                .eventually(v -> {
                    blocking.close(); // after the consumers' disconnects, which may have used it
                    return Future.succeededFuture();
                })
                .eventually(v -> opened.close())
                .eventually(v -> {
                    upkeep.stop();
                    return store.close();
                })
                .mapEmpty();
    }

    /** How long {@link #stop} may take at most: {@code CHAT_DRAIN_SECONDS}. */
    public Duration drainDeadline() {
        return config.drainDeadline();
    }

    private static HttpServerOptions serverOptions(GatewayConfig config, int port, RouteTable routes) {
        return new HttpServerOptions()
                .setHost(config.host())
                .setPort(port)
                .setWebSocketSubProtocols(routes.subprotocols())
                // Browsers speak HTTP/2 only over TLS, which a proxy in front ends. Waiting for a clear-text
                // HTTP/2 preface would also hide a new connection until its first request (HttpConnectionGuard).
                .setHttp2ClearTextEnabled(false)
                // A larger message closes the connection with 1009 before it is buffered.
                .setMaxWebSocketFrameSize(config.limits().maxFrameBytes())
                .setMaxWebSocketMessageSize(config.limits().maxFrameBytes())
                // Nothing read for this long, not even a pong to the pings every third of it: the peer is gone.
                .setReadIdleTimeout((int) config.limits().idleTimeout().toSeconds())
                // Compression keeps a zlib window per connection: far more memory than an idle chat connection
                // needs. Chat frames are small; see docs/benchmarks.md.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
    }
}
