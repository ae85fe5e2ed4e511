/**
 * For operators: the endpoints of the management port ({@link dev.parley.gateway.ops.Operations}: liveness,
 * readiness, Prometheus metrics), the container health check command, and the open-file limit warning. The metrics
 * themselves are in {@code dev.parley.gateway.metrics}.
 */
package dev.parley.gateway.ops;
