/**
 * The consumer API: one {@link dev.parley.consumers.Consumer} per WebSocket connection, made by a
 * {@link dev.parley.consumers.ConsumerFactory} and run by a {@link dev.parley.consumers.ConsumerSession}, which
 * feeds it frames and channel-layer events one at a time, behind {@link dev.parley.consumers.Middleware}.
 * {@link dev.parley.consumers.ConnectionTasks} ties timers
 * and blocking calls to a connection; {@link dev.parley.consumers.BlockingPool} runs blocking work off the event
 * loops. {@code blocking} holds consumers written as blocking code; {@code testing} the harness
 * that drives consumers without a server. The chat built on it is {@code dev.parley.chat}; the store it keeps
 * history in, {@code dev.parley.store}.
 */
package dev.parley.consumers;
