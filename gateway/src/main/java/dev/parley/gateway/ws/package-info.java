/**
 * WebSocket connections, inside the server: {@link dev.parley.gateway.ws.WebSocketEndpoint} takes each handshake
 * through the middleware to a consumer session; {@link dev.parley.gateway.ws.WebSocketTransport} writes frames,
 * with {@link dev.parley.gateway.ws.OutboundGuard} bounding what waits for a slow reader;
 * {@link dev.parley.gateway.ws.FrameReader} reads them strictly; {@link dev.parley.gateway.ws.OpenConnections}
 * pings, drains and counts the open ones.
 */
package dev.parley.gateway.ws;
