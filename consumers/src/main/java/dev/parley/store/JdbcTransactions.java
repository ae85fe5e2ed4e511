package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Runs work in one JDBC transaction, committed when it returns and rolled back when it throws, on a thread that may
 * block; for rare writes that need several statements and decisions between them (edits and deletions).
 */
interface JdbcTransactions {

    <T> CompletableFuture<T> inTransaction(Work<T> work);

    /** Statements on a connection whose auto-commit is off. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }
}
