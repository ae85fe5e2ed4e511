package dev.parley.examples.poll;

import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerContext;
import dev.parley.gateway.worker.WorkerHandler;
import dev.parley.layer.ChannelLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Runs a worker inside the gateway, on its own channel layer: for a single gateway with the in-memory layer, where no
 * {@code runworker} process could receive the jobs. With Redis, run {@code runworker} instead. Like a worker process,
 * it skips messages of unknown types and goes on after a failed job.
 */
final class LocalWorker {

    private LocalWorker() {
    }

    /** Starts receiving the channel's jobs; completes once receiving. */
    static Future<Void> start(Vertx vertx, ChannelLayer layer, String channel, Worker worker) {
        Map<String, WorkerHandler> handlers = Map.copyOf(worker.eventHandlers());
        WorkerContext context = new Context(layer, channel, vertx);
        return layer.receive(channel, job -> {
            WorkerHandler handler = handlers.get(job.getString("type", ""));
            return handler == null
                    ? Future.succeededFuture()
                    : handler.handle(job, context).otherwiseEmpty();
        }).mapEmpty();
    }

    private record Context(ChannelLayer layer, String channel, Vertx vertx) implements WorkerContext {
    }
}
