/**
 * The gateway's public API: {@link dev.parley.gateway.ParleyServer} serves {@link dev.parley.gateway.App}s, whose
 * {@link dev.parley.gateway.RouteTable routes} send WebSocket connections to consumers (through the
 * {@link dev.parley.gateway.middleware.MiddlewareStack middleware}) and HTTP requests to handlers, with the
 * {@link dev.parley.gateway.Services} it opened, configured by {@link dev.parley.gateway.GatewayConfig}.
 * {@link dev.parley.gateway.Main} serves the Parley chat ({@link dev.parley.gateway.chat.ChatApp}).
 *
 * <p>Inside: {@code ws} (WebSocket connections), {@code http} (plain HTTP), {@code middleware}, {@code auth}
 * (sessions and identity), {@code ops} (operations endpoints), {@code metrics}, {@code chat} (the chat app's HTTP
 * side) and {@code worker} (background workers, {@code runworker}).
 */
package dev.parley.gateway;
