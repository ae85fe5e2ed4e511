package dev.parley.store;

import dev.parley.store.MessageStore.Appended;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes messages in batches (group commit): while one batch is being written, new messages wait, and the next
 * batch takes all of them. One message alone is written at once; many concurrent ones share round trips and
 * commits. How a batch is written is the database's own ({@link BatchWrite}).
 */
final class GroupCommit {

    private static final int MAX_BATCH = 500;

    private final BatchWrite batchWrite;
    private final Duration timeout;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    GroupCommit(BatchWrite batchWrite, Duration timeout) {
        this.batchWrite = batchWrite;
        this.timeout = timeout;
    }

    /** Completes when the message is committed (or found to be a retry of one that was). */
    CompletableFuture<Appended> submit(NewMessage message) {
        Pending pending = new Pending(message, new CompletableFuture<>());
        boolean start;
        synchronized (lock) {
            queue.add(pending);
            start = !writing;
            writing = true;
        }
        if (start) {
            writeNext();
        }
        return pending.result();
    }

    private void writeNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (lock) {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        List<NewMessage> messages = batch.stream().map(Pending::message).toList();
        CompletableFuture<List<Appended>> written;
        try {
            written = batchWrite.write(messages);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((results, error) -> {
            if (error == null) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
            } else {
                StoreUnavailable failure = new StoreUnavailable("could not store " + batch.size()
                        + " message(s): " + error, error);
                batch.forEach(pending -> pending.result().completeExceptionally(failure));
            }
            writeNext();
        });
    }

    /** Releases the writer's connection or thread, after the batches already asked for. */
    CompletableFuture<Void> close() {
        return batchWrite.close();
    }

    private record Pending(NewMessage message, CompletableFuture<Appended> result) {
    }
}
