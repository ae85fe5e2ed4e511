package dev.parley.layer;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.WindowCounter.WindowCount;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WindowCounter} promises; each implementation's test extends this. Keys are fixed names, so
 * {@link #createCounter} must return a counter of its own (its own key prefix).
 */
public abstract class WindowCounterContract {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    protected Vertx vertx;
    protected WindowCounter counter;

    protected abstract WindowCounter createCounter(Vertx vertx);

    /** Lets {@code time} pass for the counter. */
    protected abstract void pass(Duration time) throws InterruptedException;

    @BeforeEach
    void openCounter() {
        vertx = Vertx.vertx();
        counter = createCounter(vertx);
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventOfAWindowCountsOneMoreAndSaysHowLongTheWindowHasLeft() {
        for (long i = 1; i <= 5; i++) {
            WindowCount counted = await(counter.count("address:10.0.0.1", MINUTE));
            assertThat(counted.count()).isEqualTo(i);
            assertThat(counted.remaining()).isPositive().isLessThanOrEqualTo(MINUTE);
        }
    }

    @Test
    void keysAreCountedApart() {
        await(counter.count("address:10.0.0.1", MINUTE));
        await(counter.count("address:10.0.0.1", MINUTE));

        assertThat(await(counter.count("address:10.0.0.2", MINUTE)).count()).isEqualTo(1);
        assertThat(await(counter.count("name:ada", MINUTE)).count()).isEqualTo(1);
    }

    @Test
    void aWindowThatHasEndedStartsAgainFromOne() throws Exception {
        Duration window = Duration.ofMillis(400);
        await(counter.count("address:10.0.0.3", window));
        await(counter.count("address:10.0.0.3", window));

        pass(window.plusMillis(200));

        WindowCount fresh = await(counter.count("address:10.0.0.3", window));
        assertThat(fresh.count()).isEqualTo(1);
        assertThat(fresh.remaining()).isGreaterThan(Duration.ofMillis(200)).isLessThanOrEqualTo(window);
    }
}
