package dev.parley.gateway.worker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Does one job; the worker takes the channel's next message once the returned Future completes. */
@FunctionalInterface
public interface WorkerHandler {

    /**
     * Handles a message of the type this handler is registered for. The message is read-only (copy it to change it).
     * Runs on the worker's event loop, so it must never block; blocking work goes through
     * {@code context.vertx().executeBlocking}.
     */
    Future<Void> handle(JsonObject message, WorkerContext context);
}
