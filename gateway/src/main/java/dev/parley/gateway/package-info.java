/**
 * The gateway: the server people run, and its public API. {@link dev.parley.gateway.ParleyServer} serves
 * {@link dev.parley.gateway.App}s, whose {@link dev.parley.gateway.RouteTable routes} send WebSocket connections to
 * consumers (through the {@link dev.parley.gateway.MiddlewareStack middleware}) and HTTP requests to handlers. The
 * Parley chat is one such app ({@link dev.parley.gateway.ChatApp}, started by {@link dev.parley.gateway.Main}).
 * With {@code runworker}, a server's command line runs a {@link dev.parley.gateway.WorkerProcess} instead:
 * background workers on named channels ({@code worker} package).
 */
package dev.parley.gateway;
