/**
 * The consumer API: one {@link dev.parley.consumers.Consumer} per WebSocket connection, made by a
 * {@link dev.parley.consumers.ConsumerFactory} and run by a {@link dev.parley.consumers.ConsumerSession}, which
 * feeds it frames and channel-layer events one at a time. {@link dev.parley.consumers.ConnectionTasks} ties timers
 * and blocking calls to a connection; {@link dev.parley.consumers.BlockingPool} runs blocking work off the event
 * loops. {@code blocking} holds consumers written as blocking code; {@code chat} the chat consumer; {@code testing}
 * the harness that drives consumers without a server.
 */
package dev.parley.consumers;
