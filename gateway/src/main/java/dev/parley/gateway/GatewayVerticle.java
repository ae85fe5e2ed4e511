package dev.parley.gateway;

import dev.parley.gateway.http.HttpConnectionGuard;
import dev.parley.gateway.ws.WebSocketEndpoint;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/** One HTTP server on one event loop; the gateway runs one per core, all on the same port. */
final class GatewayVerticle extends AbstractVerticle {

    private final HttpServerOptions options;
    private final RouteTable routes;
    private final WebSocketEndpoint webSockets;
    private final HttpConnectionGuard guard;
    private volatile int actualPort;

    /** @param guard watches each new connection: request time-outs, the per-address cap, request framing */
    GatewayVerticle(HttpServerOptions options, RouteTable routes, WebSocketEndpoint webSockets,
                    HttpConnectionGuard guard) {
        this.options = options;
        this.routes = routes;
        this.webSockets = webSockets;
        this.guard = guard;
    }

    @Override
    public void start(Promise<Void> started) {
        Router router = routes.httpRouter(vertx);
        vertx.createHttpServer(options)
                .connectionHandler(guard::opened)
                .webSocketHandler(webSockets)
                .requestHandler(router)
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
