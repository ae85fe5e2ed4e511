/**
 * The middleware every WebSocket connection passes: {@link dev.parley.gateway.middleware.MiddlewareStack} and its
 * defaults, each a class with one job (host, origin, handshake deadline, session, connection caps; the frame rate
 * limit lives with the consumer framework, {@link dev.parley.consumers.FrameRateLimit}).
 */
package dev.parley.gateway.middleware;
