/**
 * The consumer API: one {@link dev.parley.consumers.Consumer} per WebSocket connection, made by a
 * {@link dev.parley.consumers.ConsumerFactory} and run by a {@link dev.parley.consumers.ConsumerSession}, which
 * feeds it frames and channel-layer events one at a time. {@code chat} holds the chat consumer; {@code testing}
 * the harness that drives consumers without a server.
 */
package dev.parley.consumers;
