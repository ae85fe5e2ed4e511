package dev.parley.store;

import dev.parley.store.MessageStore.Appended;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How one database stores a batch of new messages: finds retries of messages stored before, takes the rooms' next
 * seqs and inserts the rest, atomically. The answer lists one {@link Appended} per message, in the batch's order;
 * it may complete on any thread.
 */
interface BatchWrite {

    CompletableFuture<List<Appended>> write(List<NewMessage> batch);

    /** Releases what it holds (a connection, a thread), after the batches already asked for. */
    CompletableFuture<Void> close();
}
