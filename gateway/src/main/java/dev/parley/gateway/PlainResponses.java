package dev.parley.gateway;

import io.vertx.ext.web.RoutingContext;

/** Short plain-text HTTP answers, such as errors: a sentence, never a stack trace. */
final class PlainResponses {

    private PlainResponses() {
    }

    static void send(RoutingContext ctx, int status, String sentence) {
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
}
