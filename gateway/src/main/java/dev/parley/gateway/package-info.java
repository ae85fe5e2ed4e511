/**
 * The gateway: the process people run. {@link dev.parley.gateway.Main} reads the configuration and starts a
 * {@link dev.parley.gateway.Gateway}, whose routes ({@code Routes}) send WebSocket connections to consumers and
 * HTTP requests to the web UI and health checks. With {@code runworker}, Main runs a {@link
 * dev.parley.gateway.WorkerProcess} instead: background workers on named channels ({@code worker} package).
 */
package dev.parley.gateway;
