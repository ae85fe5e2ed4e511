/**
 * Real services for integration tests, shipped in the channel-layer test-jar for every module's tests.
 *
 * <p>{@link dev.parley.layer.testing.TestRedis} finds the shared Redis and {@link
 * dev.parley.layer.testing.TestPostgres} the shared PostgreSQL, each the same way: an environment variable, else
 * a Testcontainers container, else the test is stopped with what to start. Each has a {@code decide} method
 * returning a {@link dev.parley.layer.testing.ServiceDecision}, wraps the Docker probe and the container start in
 * {@link dev.parley.layer.testing.BoundedCall}, and keeps its Testcontainers code in a class of its own. {@link
 * dev.parley.layer.testing.RedisServerProcess} is a redis-server of a test's own, to stop and restart; {@link
 * dev.parley.layer.testing.RedisClusterProcess} a Redis Cluster of 3 masters and 3 replicas made of them, whose
 * masters a test can kill, restart, and move slots between; {@code TestPostgres.freshDatabase} gives each test
 * class an empty database of its own.
 *
 * <p>{@link dev.parley.layer.testing.MissingService} is the one rule for every test that lacks something outside
 * the JVM (a service, redis-server, Chromium, nginx): skipped, or failed under {@code
 * CHAT_TEST_REQUIRE_SERVICES=true}, as in CI. {@link dev.parley.layer.testing.PerTestSkips}, loaded by JUnit's
 * extension autodetection, reports a class skipped in {@code @BeforeAll} as skipped tests, not as 0 tests.
 */
package dev.parley.layer.testing;
