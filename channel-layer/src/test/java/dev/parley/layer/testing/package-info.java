/**
 * Real services for integration tests, shipped in the channel-layer test-jar for every module's tests.
 *
 * <p>{@link dev.parley.layer.testing.TestRedis} finds the shared Redis (an environment variable, else a
 * Testcontainers container, else the test is skipped with what to start); {@link
 * dev.parley.layer.testing.RedisServerProcess} is a redis-server of a test's own, to stop and restart. A later
 * {@code TestPostgres} follows {@code TestRedis}: a {@code decide} method returning a {@link
 * dev.parley.layer.testing.ServiceDecision}, the Docker probe and container start wrapped in {@link
 * dev.parley.layer.testing.BoundedCall}, and the Testcontainers code kept in its own class.
 */
package dev.parley.layer.testing;
