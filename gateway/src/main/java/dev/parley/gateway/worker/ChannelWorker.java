package dev.parley.gateway.worker;

import dev.parley.layer.ChannelLayer.Receiver;
import dev.parley.layer.ChannelLayer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker receiving one named channel, on an event loop of its own: it takes one message at a time and the next
 * once the handler's Future completes. A message of an unknown type is skipped and a failed job logged; neither stops
 * it. Stopping it stops the receiver, then waits for the job in hand.
 */
public final class ChannelWorker extends AbstractVerticle {

    private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

    private final String channel;
    private final Supplier<Worker> factory;
    private final ChannelLayer layer;
    private final JobCounts counts;
    private Map<String, WorkerHandler> handlers = Map.of();
    private WorkerContext context;
    private Optional<Receiver> receiver = Optional.empty();
    private Future<Void> inHand = Future.succeededFuture();

    ChannelWorker(String channel, Supplier<Worker> factory, ChannelLayer layer, JobCounts counts) {
        this.channel = channel;
        this.factory = factory;
        this.layer = layer;
        this.counts = counts;
    }

    @Override
    public void start(Promise<Void> started) {
        try {
            handlers = Map.copyOf(factory.get().eventHandlers());
        } catch (RuntimeException e) {
            started.fail(new IllegalStateException("the worker factory of channel '" + channel + "' failed: " + e, e));
            return;
        }
        context = new Context(layer, channel, vertx);
        layer.receive(channel, this::handle)
                .onSuccess(r -> receiver = Optional.of(r))
                .<Void>mapEmpty()
                .onComplete(started);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        receiver.map(Receiver::stop).orElse(Future.succeededFuture())
                .eventually(v -> inHand)
                .<Void>mapEmpty()
                .onComplete(done -> stopped.complete());
    }

    private Future<Void> handle(JsonObject message) {
        String type = message.getString("type", "");
        WorkerHandler handler = handlers.get(type);
        if (handler == null) {
            counts.skipped();
            log.warn("Worker of channel '{}' has no handler for message type '{}'; skipped it (it handles {})",
                    channel, type, handlers.keySet());
            return Future.succeededFuture();
        }
        long started = System.nanoTime();
        Future<Void> job;
        try {
            job = handler.handle(message, context);
            if (job == null) {
                job = Future.failedFuture(new IllegalStateException("the handler returned null, not a Future"));
            }
        } catch (RuntimeException e) {
            job = Future.failedFuture(e);
        }
        inHand = job.transform(outcome -> {
            if (outcome.succeeded()) {
                counts.done();
                log.debug("Worker of channel '{}' did a '{}' job in {} ms", channel, type,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } else {
                counts.failed();
                log.warn("Worker of channel '{}' failed a '{}' job; going on with the next: {}", channel, type,
                        outcome.cause().toString(), outcome.cause());
            }
            return Future.succeededFuture();
        });
        return inHand;
    }

    /** What a handler of this worker reaches. */
    private record Context(ChannelLayer layer, String channel, Vertx vertx) implements WorkerContext {
    }
}
