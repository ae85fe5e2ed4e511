package dev.parley.gateway;

import io.vertx.ext.web.RoutingContext;

/** Health endpoints for load balancers and orchestrators. */
final class Health {

    private Health() {
    }

    /** Liveness: the process is up and its event loop answers. */
    static void live(RoutingContext ctx) {
        ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end("{\"status\":\"ok\"}");
    }
}
