package dev.parley.store;

import dev.parley.store.MessageStore.Appended;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A batch on the embedded H2 database, over plain JDBC on one thread of its own. H2 runs inside this process, so a
 * statement is a method call rather than a round trip, and one writer with its statements prepared once costs a
 * few microseconds a message; the reactive driver, whose blocking calls needed a thread pool and Reactor around
 * every statement, cost the gateway most of its CPU. One transaction per batch: retries found, each room's seqs
 * taken, the rows inserted as one JDBC batch.
 */
final class EmbeddedBatchWrite implements BatchWrite, JdbcTransactions {

    private static final String FIND_RETRY =
            "SELECT seq, body, sent_at FROM chat_messages WHERE room = ? AND user_name = ? AND client_id = ?";
    private static final String BUMP_ROOM =
            "UPDATE chat_rooms SET last_seq = last_seq + ?, last_activity = ? WHERE name = ?";
    private static final String CREATE_ROOM = "INSERT INTO chat_rooms (name, last_seq, last_activity) VALUES (?, ?, ?)";
    private static final String LAST_SEQ = "SELECT last_seq FROM chat_rooms WHERE name = ?";
    private static final String INSERT = "INSERT INTO chat_messages (room, seq, user_name, body, sent_at, client_id) "
            + "VALUES (?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-history-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** Only the writer thread touches these. */
    private Connection connection;
    private PreparedStatement findRetry;
    private PreparedStatement bumpRoom;
    private PreparedStatement createRoom;
    private PreparedStatement lastSeq;
    private PreparedStatement insert;

    EmbeddedBatchWrite(Database database) {
        this.database = database;
    }

    @Override
    public CompletableFuture<List<Appended>> write(List<NewMessage> batch) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return writeNow(batch);
            } catch (SQLException e) {
                forgetConnection(); // opened afresh for the next batch
                throw new StoreUnavailable("the embedded database failed: " + e.getMessage(), e);
            }
        }, writer);
    }

    /**
     * Work in a transaction of its own on the writer thread, between batches: an edit or deletion then never
     * interleaves with a batch taking the same room's seqs.
     */
    @Override
    public <T> CompletableFuture<T> inTransaction(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                prepare();
                try {
                    T result = work.apply(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                forgetConnection();
                throw new StoreUnavailable("the embedded database failed: " + e.getMessage(), e);
            }
        }, writer);
    }

    /** Closes the connection after the batches already asked for; closing twice does nothing. */
    @Override
    public synchronized CompletableFuture<Void> close() {
        if (writer.isShutdown()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> closed = CompletableFuture.runAsync(this::forgetConnection, writer);
        writer.shutdown();
        return closed;
    }

    private List<Appended> writeNow(List<NewMessage> batch) throws SQLException {
        prepare();
        try {
            List<Appended> results = store(batch);
            connection.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private List<Appended> store(List<NewMessage> batch) throws SQLException {
        Appended[] results = new Appended[batch.size()];
        Map<String, Integer> firstOfRetry = new HashMap<>();
        Map<Integer, Integer> repeats = new HashMap<>();
        TreeMap<String, List<Integer>> freshByRoom = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NewMessage message = batch.get(i);
            if (message.clientId().isPresent()) {
                Integer first = firstOfRetry.putIfAbsent(
                        message.room() + "\n" + message.user() + "\n" + message.clientId().get(), i);
                if (first != null) {
                    repeats.put(i, first);
                    continue;
                }
                Optional<StoredMessage> earlier = storedEarlier(message);
                if (earlier.isPresent()) {
                    results[i] = new Appended(earlier.get(), true);
                    continue;
                }
            }
            freshByRoom.computeIfAbsent(message.room(), room -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> room : freshByRoom.entrySet()) {
            long seq = takeSeqs(room.getKey(), room.getValue(), batch) - room.getValue().size() + 1;
            for (int i : room.getValue()) {
                NewMessage message = batch.get(i);
                StoredMessage stored = new StoredMessage(message.room(), seq++, message.user(), message.text(),
                        message.sentAt(), message.clientId());
                results[i] = new Appended(stored, false);
                insert.setString(1, stored.room());
                insert.setLong(2, stored.seq());
                insert.setString(3, stored.user());
                insert.setString(4, stored.text());
                insert.setTimestamp(5, Timestamp.from(stored.sentAt()));
                insert.setString(6, stored.clientId().orElse(null));
                insert.addBatch();
            }
        }
        if (!freshByRoom.isEmpty()) {
            insert.executeBatch();
        }
        repeats.forEach((i, first) -> results[i] = new Appended(results[first].message(), true));
        return List.of(results);
    }

    private Optional<StoredMessage> storedEarlier(NewMessage message) throws SQLException {
        findRetry.setString(1, message.room());
        findRetry.setString(2, message.user());
        findRetry.setString(3, message.clientId().orElseThrow());
        try (ResultSet row = findRetry.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredMessage(message.room(), row.getLong(1), message.user(), row.getString(2),
                    row.getTimestamp(3).toInstant(), message.clientId()));
        }
    }

    /** Takes the room's next seqs for these messages, creating the room at its first; returns the last one taken. */
    private long takeSeqs(String room, List<Integer> indexes, List<NewMessage> batch) throws SQLException {
        Timestamp latest = Timestamp.from(indexes.stream().map(i -> batch.get(i).sentAt())
                .max(Instant::compareTo).orElseThrow());
        bumpRoom.setLong(1, indexes.size());
        bumpRoom.setTimestamp(2, latest);
        bumpRoom.setString(3, room);
        if (bumpRoom.executeUpdate() == 0) {
            createRoom.setString(1, room);
            createRoom.setLong(2, indexes.size());
            createRoom.setTimestamp(3, latest);
            createRoom.executeUpdate();
            return indexes.size();
        }
        lastSeq.setString(1, room);
        try (ResultSet row = lastSeq.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void prepare() throws SQLException {
        if (connection != null) {
            return;
        }
        connection = database.openJdbc();
        connection.setAutoCommit(false);
        findRetry = connection.prepareStatement(FIND_RETRY);
        bumpRoom = connection.prepareStatement(BUMP_ROOM);
        createRoom = connection.prepareStatement(CREATE_ROOM);
        lastSeq = connection.prepareStatement(LAST_SEQ);
        insert = connection.prepareStatement(INSERT);
    }

    private void forgetConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already broken: nothing to release.
            }
            connection = null;
        }
    }
}
