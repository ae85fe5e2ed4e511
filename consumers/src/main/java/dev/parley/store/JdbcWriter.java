package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Transactions on Postgres over plain JDBC, one at a time on a thread of its own with a connection it keeps (opened
 * again after a failure). Edits and deletions are rare, so one writer per gateway is plenty, and it keeps them off
 * the append lanes.
 */
final class JdbcWriter implements JdbcTransactions {

    private final Database database;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread writer = new Thread(task, "parley-history-amend");
        writer.setDaemon(true);
        return writer;
    });
    /** Only the writer thread touches it. */
    private Connection connection;

    JdbcWriter(Database database) {
        this.database = database;
    }

    @Override
    public <T> CompletableFuture<T> inTransaction(Work<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (connection == null) {
                    connection = database.openJdbc();
                    connection.setAutoCommit(false);
                }
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
                throw new StoreUnavailable("the history database failed: " + e.getMessage(), e);
            }
        }, thread);
    }

    /** Closes the connection after the transactions already asked for. */
    synchronized CompletableFuture<Void> close() {
        if (thread.isShutdown()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> closed = CompletableFuture.runAsync(this::forgetConnection, thread);
        thread.shutdown();
        return closed;
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
