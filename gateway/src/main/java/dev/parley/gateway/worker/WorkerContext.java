package dev.parley.gateway.worker;

import dev.parley.layer.ChannelLayer;
import io.vertx.core.Vertx;

/** What a worker's handler can reach: the layer to send results with, the channel it serves, and Vert.x. */
public interface WorkerContext {

    /** The layer the job came through: {@code groupSend} results to a group, or {@code send} to a reply channel. */
    ChannelLayer layer();

    /** The named channel this worker serves. */
    String channel();

    /** The Vert.x instance of the worker process, for timers and blocking work. */
    Vertx vertx();
}
