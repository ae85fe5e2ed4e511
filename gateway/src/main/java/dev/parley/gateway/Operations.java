package dev.parley.gateway;

import dev.parley.consumers.history.MessageStore;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.layer.ChannelLayer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** The endpoints for load balancers, orchestrators and monitoring: liveness, readiness and metrics. */
final class Operations {

    private final ChannelLayer layer;
    private final MessageStore store;
    private final BooleanSupplier draining;
    private final GatewayMetrics metrics;

    Operations(ChannelLayer layer, MessageStore store, BooleanSupplier draining, GatewayMetrics metrics) {
        this.layer = layer;
        this.store = store;
        this.draining = draining;
        this.metrics = metrics;
    }

    /** Liveness ({@code /healthz}): the process is up and its event loop answers. */
    void live(RoutingContext ctx) {
        PlainResponses.json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    /**
     * Readiness ({@code /readyz}): 200 while the gateway takes connections, the channel layer can deliver and the
     * history store answers; else 503 with the reason.
     */
    void ready(RoutingContext ctx) {
        if (draining.getAsBoolean()) {
            PlainResponses.json(ctx, 503, new JsonObject().put("status", "draining")
                    .put("reason", "the gateway is stopping; its clients reconnect to another one"));
            return;
        }
        store.ping().onComplete(answered -> {
            boolean layerReady = layer.isHealthy();
            boolean storeReady = answered.succeeded() && answered.result();
            JsonObject body = new JsonObject().put("status", layerReady && storeReady ? "ready" : "unavailable");
            if (!layerReady) {
                body.put("reason", "the channel layer cannot deliver (Redis unreachable or pub/sub lost)");
            } else if (!storeReady) {
                body.put("reason", "the history store does not answer");
            }
            PlainResponses.json(ctx, layerReady && storeReady ? 200 : 503, body);
        });
    }

    /** Prometheus metrics ({@code /metrics}) in the text exposition format. */
    void metrics(RoutingContext ctx) {
        ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(metrics.scrape());
    }
}
