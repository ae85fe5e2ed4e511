package dev.parley.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Short HTTP answers: a sentence or a small JSON object, never a stack trace, never cached. */
public final class PlainResponses {

    private PlainResponses() {
    }

    public static void send(RoutingContext ctx, int status, String sentence) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "text/plain; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(sentence + "\n");
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }
}
