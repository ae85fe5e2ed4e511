package dev.parley.gateway;

import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The worker of the worker tests: for {@code job.square} it sends {@code {type: job.result, n: n*n}} to the group
 * {@code results}, after {@code delay_ms} if the job says so; {@code job.fail} fails. Its {@link #main} is an
 * application with this one worker, on channel {@value #CHANNEL}, that runs the runworker command.
 */
final class SquareWorker implements Worker {

    static final String CHANNEL = "jobs";
    static final String RESULTS = "results";

    @Override
    public Map<String, WorkerHandler> eventHandlers() {
        return Map.of(
                "job.square", (message, context) -> {
                    long n = message.getLong("n");
                    Promise<Void> waited = Promise.promise();
                    long delay = message.getLong("delay_ms", 0L);
                    if (delay > 0) {
                        context.vertx().setTimer(delay, id -> waited.complete());
                    } else {
                        waited.complete();
                    }
                    JsonObject result = new JsonObject().put("type", "job.result").put("n", n * n)
                            .put("channel", context.channel());
                    return waited.future().compose(v -> context.layer().groupSend(RESULTS, result));
                },
                "job.fail", (message, context) -> Future.failedFuture(new IllegalStateException("asked to fail")));
    }

    /** The command line of an application that registers this worker for {@value #CHANNEL}: {@code runworker jobs}. */
    public static void main(String[] args) {
        ParleyServer.create().worker(CHANNEL, SquareWorker::new).run(args);
    }
}
