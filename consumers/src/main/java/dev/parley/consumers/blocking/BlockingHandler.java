package dev.parley.consumers.blocking;

import io.vertx.core.json.JsonObject;

/** Handles one channel-layer event in a {@link BlockingConsumer}, on a pool thread; it may block, and may throw. */
@FunctionalInterface
public interface BlockingHandler {

    void handle(JsonObject event) throws Exception;
}
