package dev.parley.consumers.history;

import dev.parley.consumers.history.MessageStore.Appended;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes messages in batches (group commit): while one transaction is in flight, new messages wait, and the next
 * transaction takes all of them. One message alone is written at once; many concurrent ones share round trips.
 */
final class GroupCommit {

    private static final int MAX_BATCH = 500;

    private final Database database;
    private final Duration timeout;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    GroupCommit(Database database, Duration timeout) {
        this.database = database;
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
        database.inTransaction(connection -> write(connection, messages))
                // Another node inserted the same new room or the same client id meanwhile: once more sees it.
                .retryWhen(reactor.util.retry.Retry.max(1).filter(e -> e instanceof R2dbcDataIntegrityViolationException))
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

    /** Finds retries, takes seqs room by room (in name order, so two nodes never wait on each other), inserts. */
    private static Mono<List<Appended>> write(Connection connection, List<NewMessage> batch) {
        List<NewMessage> withClientIds = batch.stream().filter(m -> m.clientId().isPresent()).toList();
        return HistorySql.findByClientIds(connection, withClientIds)
                .collectMap(stored -> retryKey(stored.room(), stored.user(), stored.clientId().orElseThrow()))
                .map(found -> batch.stream().map(message -> message.clientId()
                        .map(id -> Optional.ofNullable(found.get(retryKey(message.room(), message.user(), id))))
                        .orElse(Optional.empty())).toList())
                .flatMap(existing -> {
                    Appended[] results = new Appended[batch.size()];
                    Map<String, Integer> firstOfRetry = new HashMap<>();
                    Map<Integer, Integer> repeats = new HashMap<>();
                    TreeMap<String, List<Integer>> freshByRoom = new TreeMap<>();
                    for (int i = 0; i < batch.size(); i++) {
                        NewMessage message = batch.get(i);
                        if (existing.get(i).isPresent()) {
                            results[i] = new Appended(existing.get(i).get(), true);
                            continue;
                        }
                        if (message.clientId().isPresent()) {
                            String key = retryKey(message.room(), message.user(), message.clientId().get());
                            Integer first = firstOfRetry.putIfAbsent(key, i);
                            if (first != null) {
                                repeats.put(i, first);
                                continue;
                            }
                        }
                        freshByRoom.computeIfAbsent(message.room(), r -> new ArrayList<>()).add(i);
                    }
                    return Flux.fromIterable(freshByRoom.entrySet())
                            .concatMap(room -> assignSeqs(connection, batch, room.getKey(), room.getValue(), results))
                            .collectList()
                            .flatMap(stored -> HistorySql.insert(connection,
                                    stored.stream().flatMap(List::stream).toList()))
                            .then(Mono.fromSupplier(() -> {
                                repeats.forEach((i, first) -> results[i] = new Appended(results[first].message(), true));
                                return List.of(results);
                            }));
                });
    }

    private static String retryKey(String room, String user, String clientId) {
        return room + "\n" + user + "\n" + clientId;
    }

    private static Mono<List<StoredMessage>> assignSeqs(Connection connection, List<NewMessage> batch, String room,
                                                       List<Integer> indexes, Appended[] results) {
        Instant latest = indexes.stream().map(i -> batch.get(i).sentAt()).max(Instant::compareTo).orElseThrow();
        return HistorySql.takeSeqs(connection, room, indexes.size(), latest).map(last -> {
            long seq = last - indexes.size() + 1;
            List<StoredMessage> stored = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                NewMessage message = batch.get(i);
                StoredMessage assigned = new StoredMessage(room, seq++, message.user(), message.text(),
                        message.sentAt(), message.clientId());
                results[i] = new Appended(assigned, false);
                stored.add(assigned);
            }
            return stored;
        });
    }

    private record Pending(NewMessage message, CompletableFuture<Appended> result) {
    }
}
