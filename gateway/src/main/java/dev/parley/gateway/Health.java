package dev.parley.gateway;

import dev.parley.consumers.history.MessageStore;
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

    /** Readiness: 200 while the channel layer can deliver and the history store answers, else 503 with the reason. */
    static Handler<RoutingContext> ready(ChannelLayer layer, MessageStore store) {
        return ctx -> store.ping().onComplete(answered -> {
            boolean layerReady = layer.isHealthy();
            boolean storeReady = answered.succeeded() && answered.result();
            JsonObject body = new JsonObject().put("status", layerReady && storeReady ? "ready" : "unavailable");
            if (!layerReady) {
                body.put("reason", "the channel layer cannot deliver (Redis unreachable or pub/sub lost)");
            } else if (!storeReady) {
                body.put("reason", "the history store does not answer");
            }
            ctx.response()
                    .setStatusCode(layerReady && storeReady ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(body.encode());
        });
    }
}
