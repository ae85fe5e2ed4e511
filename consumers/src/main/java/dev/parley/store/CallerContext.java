package dev.parley.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/**
 * Where Reactor ends: turns database work into a Vert.x Future completed on the caller's own context, bounded by
 * the store's time-out, failing with {@link StoreUnavailable} whatever went wrong underneath.
 */
final class CallerContext {

    private final Vertx vertx;
    private final Duration timeout;

    CallerContext(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    <T> Future<T> answer(Mono<T> work) {
        return answer(work.timeout(timeout).toFuture());
    }

    <T> Future<T> answer(CompletionStage<T> stage) {
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(stage, context).recover(e -> Future.failedFuture(
                e instanceof StoreUnavailable ? e : new StoreUnavailable("the history store did not answer: "
                        + rootMessage(e), e)));
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
