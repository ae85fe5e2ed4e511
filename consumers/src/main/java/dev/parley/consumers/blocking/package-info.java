/**
 * Consumers written as plain blocking code, like Channels' {@code SyncConsumer}:
 * {@link dev.parley.consumers.blocking.BlockingConsumer} hooks may call JDBC or sleep, and run on a
 * {@link dev.parley.consumers.BlockingPool} thread, one hook at a time per connection; the
 * {@link dev.parley.consumers.blocking.BlockingConnection} talks to the client from there. Connections do not
 * wait for each other: each blocked hook holds its own thread.
 */
package dev.parley.consumers.blocking;
