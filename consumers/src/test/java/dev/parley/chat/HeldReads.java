package dev.parley.chat;

import dev.parley.store.Amendment;
import dev.parley.store.MessageStore;
import dev.parley.store.NewMessage;
import dev.parley.store.RoomSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store whose history reads are counted and, while held, answered only on {@link #release}: so a test can
 * have many connections ask at once and see how many reads reached the store.
 */
final class HeldReads implements MessageStore {

    private final MessageStore store;
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean holding;

    HeldReads(MessageStore store) {
        this.store = store;
    }

    /** History reads ({@code latest}, {@code before}, {@code after}) that reached the store. */
    int reads() {
        return reads.get();
    }

    synchronized void hold() {
        holding = true;
    }

    /** Answers the reads held so far, and stops holding. */
    void release() {
        List<Runnable> answers;
        synchronized (this) {
            holding = false;
            answers = List.copyOf(waiting);
            waiting.clear();
        }
        answers.forEach(Runnable::run);
    }

    private <T> Future<T> read(java.util.function.Supplier<Future<T>> query) {
        reads.incrementAndGet();
        synchronized (this) {
            if (holding) {
                Promise<T> answer = Promise.promise();
                waiting.add(() -> query.get().onComplete(answer));
                return answer.future();
            }
        }
        return query.get();
    }

    @Override
    public Future<Appended> append(NewMessage message) {
        return store.append(message);
    }

    @Override
    public Future<Amended> amend(Amendment amendment) {
        return store.amend(amendment);
    }

    @Override
    public Future<Page> latest(String room, int limit) {
        return read(() -> store.latest(room, limit));
    }

    @Override
    public Future<Page> before(String room, long before, int limit) {
        return read(() -> store.before(room, before, limit));
    }

    @Override
    public Future<Page> after(String room, long after, int limit) {
        return read(() -> store.after(room, after, limit));
    }

    @Override
    public Future<List<RoomSummary>> rooms(int limit) {
        return store.rooms(limit);
    }

    @Override
    public Future<Boolean> ping() {
        return store.ping();
    }

    @Override
    public Future<Void> close() {
        return store.close();
    }
}
