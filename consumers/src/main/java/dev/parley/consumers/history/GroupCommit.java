package dev.parley.consumers.history;

import dev.parley.consumers.history.MessageStore.Appended;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcRollbackException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Writes messages in batches (group commit): while one transaction is in flight, new messages wait, and the next
 * transaction takes all of them. One message alone is written at once; many concurrent ones share round trips.
 */
final class GroupCommit {

    private static final int MAX_BATCH = 500;

    private final Database database;
    private final BatchWrite batchWrite;
    private final Duration timeout;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    GroupCommit(Database database, BatchWrite batchWrite, Duration timeout) {
        this.database = database;
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
        Mono.defer(() -> batchWrite.write(database, messages))
                // Another node inserted the same new room or the same client id meanwhile, or took the same rooms'
                // seqs in another order: once more sees its rows, or goes through.
                .retryWhen(Retry.max(1).filter(e -> e instanceof R2dbcDataIntegrityViolationException
                        || e instanceof R2dbcRollbackException))
                .timeout(timeout)
                .subscribe(
                        results -> {
                            for (int i = 0; i < batch.size(); i++) {
                                batch.get(i).result().complete(results.get(i));
                            }
                            writeNext();
                        },
                        error -> {
                            StoreUnavailable failure = new StoreUnavailable("could not store " + batch.size()
                                    + " message(s): " + error, error);
                            batch.forEach(pending -> pending.result().completeExceptionally(failure));
                            writeNext();
                        });
    }

    private record Pending(NewMessage message, CompletableFuture<Appended> result) {
    }
}
