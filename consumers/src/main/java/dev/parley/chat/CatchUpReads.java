package dev.parley.chat;

import dev.parley.store.MessageStore;
import dev.parley.store.MessageStore.Page;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The store reads connections make to catch up, shared by a node's connections: while a read of a room's messages
 * after a seq (or of its latest seq) is in flight, asking for the same one joins it instead of querying again. So when
 * Redis comes back, the thousands of connections of a room that all missed the same messages cost one query, not
 * thousands. Results come back on the asking connection's context. Safe from any thread.
 */
final class CatchUpReads {

    /** Rows per read; a connection further behind reads again from where the page ended. */
    static final int PAGE = 200;

    private final MessageStore store;
    private final Map<Object, Future<?>> inFlight = new HashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong joined = new AtomicLong();

    CatchUpReads(MessageStore store) {
        this.store = store;
    }

    /** Up to {@value #PAGE} of the room's rows after {@code after}, oldest first. */
    Future<Page> after(String room, long after, Context context) {
        return shared(new After(room, after), () -> store.after(room, after, PAGE), context);
    }

    /** The room's latest seq, 0 for a room with no messages. */
    Future<Long> latestSeq(String room, Context context) {
        return shared(new Latest(room), () -> store.latest(room, 1).map(page -> page.messages().isEmpty() ? 0L
                : page.messages().get(page.messages().size() - 1).seq()), context);
    }

    /** Reads sent to the store since start. */
    long queries() {
        return queries.get();
    }

    /** Reads answered by joining one already in flight. */
    long joined() {
        return joined.get();
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> shared(Object key, Supplier<Future<T>> read, Context context) {
        Future<T> result;
        synchronized (inFlight) {
            result = (Future<T>) inFlight.get(key);
            if (result != null) {
                joined.incrementAndGet();
            } else {
                queries.incrementAndGet();
                result = read.get();
                if (!result.isComplete()) {
                    Future<T> pending = result;
                    inFlight.put(key, pending);
                    pending.onComplete(done -> {
                        synchronized (inFlight) {
                            inFlight.remove(key, pending);
                        }
                    });
                }
            }
        }
        // The read completes on the context of the connection that started it; each gets it back on its own.
        Promise<T> answer = Promise.promise();
        result.onComplete(outcome -> context.runOnContext(v -> answer.handle(outcome)));
        return answer.future();
    }

    private record After(String room, long after) {
    }

    private record Latest(String room) {
    }
}
