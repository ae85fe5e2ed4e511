package dev.parley.gateway;

import dev.parley.gateway.chat.ChatApp;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in the test's own process, for one test class: on 127.0.0.1 with free public and management ports, a
 * Vert.x of its own (port 0 in a shared Vert.x would share another gateway's socket) and a fresh data directory.
 */
final class LocalGateway implements AutoCloseable {

    private final Vertx vertx;
    private final Gateway gateway;

    private LocalGateway(Vertx vertx, Gateway gateway) {
        this.vertx = vertx;
        this.gateway = gateway;
    }

    /** Starts one with these settings; where it listens and stores is set here. */
    static LocalGateway start(GatewayConfig settings) throws Exception {
        return start(ParleyServer.create().app(new ChatApp()), settings);
    }

    /** Starts this server (its apps and middleware) with these settings; where it listens and stores is set here. */
    static LocalGateway start(ParleyServer server, GatewayConfig settings) throws Exception {
        Vertx vertx = Vertx.vertx();
        GatewayConfig config = settings.withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-local-gateway"));
        Gateway gateway = server.start(vertx, config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return new LocalGateway(vertx, gateway);
    }

    int port() {
        return gateway.port();
    }

    /** The routes of its public port. */
    RouteTable routes() {
        return gateway.routes();
    }

    /** The management port's {@code /metrics}. */
    String metricsUrl() {
        return gateway.metricsUrl();
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
