package dev.parley.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits on a test thread for a layer operation's Future, with a wait generous enough for a networked layer. */
public final class Await {

    private static final long SECONDS = 5;

    private Await() {
    }

    /** The Future's value; fails the test if it failed or did not complete in time. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("operation failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("operation did not complete within " + SECONDS + " s", e);
        }
    }

    /** Why the Future failed; fails the test if it succeeded. */
    public static Throwable failureOf(Future<?> future) {
        Throwable cause = await(future.transform(done -> Future.succeededFuture(done.cause())));
        assertThat(cause).as("the operation should have failed").isNotNull();
        return cause;
    }

    /** Why each Future failed, in order; fails the test if any succeeded. */
    public static List<Throwable> failuresOf(Future<?>... futures) {
        return Arrays.stream(futures).map(Await::failureOf).toList();
    }
}
