package dev.parley.gateway.ops;

import dev.parley.gateway.http.PlainResponses;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.layer.ChannelLayer;
import dev.parley.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The endpoints for load balancers, orchestrators and monitoring: liveness, readiness and metrics. */
public final class Operations {

    /** A store that has not answered in this long is reported down; a probe waits 3 s (k8s/gateway/deployment.yaml). */
    static final Duration STORE_PING_WAIT = Duration.ofSeconds(1);

    private final ChannelLayer layer;
    private final MessageStore store;
    private final BooleanSupplier draining;
    private final GatewayMetrics metrics;

    public Operations(ChannelLayer layer, MessageStore store, BooleanSupplier draining, GatewayMetrics metrics) {
        this.layer = layer;
        this.store = store;
        this.draining = draining;
        this.metrics = metrics;
    }

    /** Liveness ({@code /healthz}): the process is up and its event loop answers. */
    public void live(RoutingContext ctx) {
        PlainResponses.json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    /**
     * Readiness ({@code /readyz}): whether this gateway should get new clients, judged by what is its own. 503 only
     * while it drains. Redis or the database being down is reported in the body with a 200: it is down for every
     * gateway alike, and taking them all out of the load balancer would turn a chat outage into a whole-site 503,
     * while they still serve pages and tell chat clients {@code unavailable} (docs/operations.md).
     */
    public void ready(RoutingContext ctx) {
        if (draining.getAsBoolean()) {
            PlainResponses.json(ctx, 503, new JsonObject().put("status", "draining")
                    .put("reason", "the gateway is stopping; its clients reconnect to another one"));
            return;
        }
        storeAnswers(ctx.vertx()).onSuccess(storeUp -> {
            boolean layerUp = layer.isHealthy();
            JsonObject body = new JsonObject().put("status", layerUp && storeUp ? "ready" : "degraded")
                    .put("channel_layer", layerUp ? "up" : "down")
                    .put("store", storeUp ? "up" : "down");
            if (!layerUp) {
                body.put("reason", "the channel layer cannot deliver (Redis unreachable or pub/sub lost): chat "
                        + "clients are told unavailable");
            } else if (!storeUp) {
                body.put("reason", "the history store does not answer: chat clients are told unavailable");
            }
            PlainResponses.json(ctx, 200, body);
        });
    }

    /** Whether the store answers a ping within {@link #STORE_PING_WAIT}, well inside a probe's time-out. */
    private Future<Boolean> storeAnswers(Vertx vertx) {
        Promise<Boolean> answer = Promise.promise();
        long timer = vertx.setTimer(STORE_PING_WAIT.toMillis(), id -> answer.tryComplete(false));
        store.ping().onComplete(pinged -> {
            vertx.cancelTimer(timer);
            answer.tryComplete(pinged.succeeded() && pinged.result());
        });
        return answer.future();
    }

    /** Prometheus metrics ({@code /metrics}) in the text exposition format. */
    public void metrics(RoutingContext ctx) {
        ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(metrics.scrape());
    }
}
