package dev.parley.gateway;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/** One HTTP server on one event loop; the gateway runs one per core, all on the same port. */
final class GatewayVerticle extends AbstractVerticle {

    private final HttpServerOptions options;
    private final RouteTable routes;
    private final WebSocketEndpoint webSockets;
    private final Limits limits;
    private final Runnable onRequestTimeout;
    private volatile int actualPort;

    /** @param onRequestTimeout counts a connection closed for not sending a whole request in time */
    GatewayVerticle(HttpServerOptions options, RouteTable routes, WebSocketEndpoint webSockets, Limits limits,
                    Runnable onRequestTimeout) {
        this.options = options;
        this.routes = routes;
        this.webSockets = webSockets;
        this.limits = limits;
        this.onRequestTimeout = onRequestTimeout;
    }

    @Override
    public void start(Promise<Void> started) {
        RequestDeadline deadline = new RequestDeadline(vertx, limits.handshakeTimeout(), onRequestTimeout);
        Router router = routes.httpRouter(vertx);
        vertx.createHttpServer(options)
                .connectionHandler(deadline::opened)
                .webSocketHandler(socket -> {
                    deadline.arrived(socket);
                    webSockets.handle(socket);
                })
                .requestHandler(request -> {
                    deadline.arrived(request);
                    router.handle(request);
                })
                .listen()
                .onSuccess(server -> {
                    actualPort = server.actualPort();
                    started.complete();
                })
                .onFailure(started::fail);
    }

    /** The port the server listens on (the real one when 0 was asked for); valid once started. */
    int actualPort() {
        return actualPort;
    }

}
