/**
 * The store: message history and accounts, through R2DBC. Message history: {@link dev.parley.store.MessageStore} is the contract (per-room {@code seq},
 * durable before acknowledged, idempotent by client id); {@link dev.parley.store.R2dbcMessageStore}
 * keeps it in Postgres or an embedded H2 file, writing in group commits; {@link dev.parley.store.R2dbcAccountStore}
 * keeps the accounts in the same database.
 */
package dev.parley.store;
