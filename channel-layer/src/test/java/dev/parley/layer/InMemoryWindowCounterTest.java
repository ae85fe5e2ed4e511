package dev.parley.layer;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The window counter contract in memory, on a clock the test moves; and how many keys it keeps. */
class InMemoryWindowCounterTest extends WindowCounterContract {

    private final AtomicLong now = new AtomicLong(5_000);

    @Override
    protected WindowCounter createCounter(Vertx vertx) {
        return new InMemoryWindowCounter(now::get);
    }

    @Override
    protected void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void theRemainingTimeShrinksAsTheWindowGoesBy() {
        Duration window = Duration.ofSeconds(60);
        counter.count("k", window);
        pass(Duration.ofSeconds(45));
        assertThat(await(counter.count("k", window)).remaining()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theLeastRecentlyCountedKeyIsForgottenBeyondTheLimit() {
        Duration window = Duration.ofMinutes(1);
        await(counter.count("first", window));
        await(counter.count("kept", window));
        for (int i = 0; i < InMemoryWindowCounter.REMEMBERED - 1; i++) {
            counter.count("other-" + i, window);
        }
        assertThat(await(counter.count("kept", window)).count()).as("counted again just now").isEqualTo(2);
        counter.count("one-more", window);

        assertThat(await(counter.count("first", window)).count()).as("forgotten: starts again").isEqualTo(1);
    }
}
