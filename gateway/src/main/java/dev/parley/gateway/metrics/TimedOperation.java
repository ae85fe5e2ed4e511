package dev.parley.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One kind of asynchronous operation, e.g. the layer's group sends: how long each took, and how many failed. */
final class TimedOperation {

    private final Timer latency;
    private final Counter errors;

    TimedOperation(Timer latency, Counter errors) {
        this.latency = latency;
        this.errors = errors;
    }

    <T> Future<T> time(Supplier<Future<T>> operation) {
        long start = System.nanoTime();
        Future<T> result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.andThen(done -> {
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (done.failed()) {
                errors.increment();
            }
        });
    }
}
