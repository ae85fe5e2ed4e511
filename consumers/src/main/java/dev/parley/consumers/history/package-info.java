/**
 * Message history: {@link dev.parley.consumers.history.MessageStore} is the contract (per-room {@code seq},
 * durable before acknowledged, idempotent by client id); {@link dev.parley.consumers.history.R2dbcMessageStore}
 * keeps it in Postgres or an embedded H2 file, writing in group commits.
 */
package dev.parley.consumers.history;
