/**
 * Real services for integration tests, shipped in the channel-layer test-jar for every module's tests.
 *
 * <p>{@link dev.parley.layer.testing.TestRedis} finds the shared Redis and {@link
 * dev.parley.layer.testing.TestPostgres} the shared PostgreSQL, each the same way: an environment variable, else
 * a Testcontainers container, else the test is skipped with what to start. Each has a {@code decide} method
 * returning a {@link dev.parley.layer.testing.ServiceDecision}, wraps the Docker probe and the container start in
 * {@link dev.parley.layer.testing.BoundedCall}, and keeps its Testcontainers code in a class of its own. {@link
 * dev.parley.layer.testing.RedisServerProcess} is a redis-server of a test's own, to stop and restart; {@code
 * TestPostgres.freshDatabase} gives each test class an empty database of its own.
 */
package dev.parley.layer.testing;
