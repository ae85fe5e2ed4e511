package dev.parley.consumers.history;

import dev.parley.consumers.history.MessageStore.Appended;
import io.r2dbc.spi.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A batch in one transaction of portable SQL ({@link HistorySql}), for the embedded database: one query for
 * retries, then for each room its seqs, then one multi-row INSERT.
 */
final class PortableBatchWrite implements BatchWrite {

    /** Finds retries, takes seqs room by room (in name order, so two nodes never wait on each other), inserts. */
    @Override
    public Mono<List<Appended>> write(Database database, List<NewMessage> batch) {
        return database.inTransaction(connection -> write(connection, batch));
    }

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

}
