package dev.parley.layer;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Window counts of one node, kept for the {@value #REMEMBERED} most recently counted keys: a key forgotten early
 * starts again from nothing, so forgetting one takes that many other keys counted after it.
 */
public final class InMemoryWindowCounter implements WindowCounter {

    public static final int REMEMBERED = 100_000;

    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** @param nanoTime the clock, {@link System#nanoTime} but in tests */
    public InMemoryWindowCounter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized Future<WindowCount> count(String key, Duration window) {
        long now = nanoTime.getAsLong();
        Window current = windows.get(key);
        if (current == null || now - current.startedAt >= window.toNanos()) {
            current = new Window(now);
            windows.put(key, current);
        }
        current.count++;
        return Future.succeededFuture(new WindowCount(current.count,
                Duration.ofNanos(window.toNanos() - (now - current.startedAt))));
    }

    private static final class Window {
        final long startedAt;
        long count;

        Window(long startedAt) {
            this.startedAt = startedAt;
        }
    }
}
