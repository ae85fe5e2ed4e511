package dev.parley.gateway;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;

/** One HTTP server on one event loop; the gateway runs one per core, all on the same port. */
final class GatewayVerticle extends AbstractVerticle {

    private final HttpServerOptions options;
    private final RouteTable routes;
    private final WebSocketEndpoint webSockets;
    private volatile int actualPort;

    GatewayVerticle(HttpServerOptions options, RouteTable routes, WebSocketEndpoint webSockets) {
        this.options = options;
        this.routes = routes;
        this.webSockets = webSockets;
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer(options)
                .webSocketHandler(webSockets)
                .requestHandler(routes.httpRouter(vertx))
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
