package dev.parley.gateway;

import dev.parley.layer.ChannelLayer;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
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

    /** Readiness: 200 while the channel layer can deliver (Redis answers and pub/sub works), else 503. */
    static Handler<RoutingContext> ready(ChannelLayer layer) {
        return ctx -> {
            boolean ready = layer.isHealthy();
            JsonObject body = new JsonObject().put("status", ready ? "ready" : "unavailable");
            if (!ready) {
                body.put("reason", "the channel layer cannot deliver (Redis unreachable or pub/sub lost)");
            }
            ctx.response()
                    .setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(body.encode());
        };
    }
}
