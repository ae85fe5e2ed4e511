package dev.parley.layer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.layer.testing.ServiceDecision.Skip;
import dev.parley.layer.testing.ServiceDecision.StartContainer;
import dev.parley.layer.testing.ServiceDecision.Use;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** How integration tests find Redis (each branch without Docker), and a redis-server a test can stop and restart. */
class RedisTestServicesTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration PING = Duration.ofSeconds(2);

    @Test
    void aConfiguredRedisThatAnswersIsUsedWithoutProbingDocker() throws IOException {
        AtomicBoolean probed = new AtomicBoolean();
        try (ServerSocket fake = answeringPong()) {
            String url = "redis://127.0.0.1:" + fake.getLocalPort();
            ServiceDecision decision = TestRedis.decide(Map.of(TestRedis.ENV, url), () -> probed.getAndSet(true), BOUND);
            assertThat(decision).isEqualTo(new Use(url, TestRedis.ENV + "=" + url + " (answers PING; Docker not probed)"));
            assertThat(decision.urlOrStop(Map.of())).isEqualTo(url);
        }
        assertThat(probed).isFalse();
    }

    @Test
    void aConfiguredRedisThatDoesNotAnswerSkipsNamingTheVariable() {
        String url = "redis://127.0.0.1:" + freePort();
        ServiceDecision decision = TestRedis.decide(Map.of(TestRedis.ENV, url), () -> true, BOUND);
        assertThat(skipReason(decision)).startsWith(TestRedis.ENV + "=" + url + " does not answer PING")
                .contains("redis-server --daemonize yes");
        assertThatThrownBy(() -> decision.urlOrStop(Map.of())).isInstanceOf(TestAbortedException.class)
                .hasMessage("skipped: " + skipReason(decision));
        assertThatThrownBy(() -> decision.urlOrStop(Map.of(MissingService.REQUIRE_ENV, "true")))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessage("Redis is missing, and CHAT_TEST_REQUIRE_SERVICES=true makes that a failure, not a skip: "
                        + skipReason(decision))
                .hasMessageContaining(TestRedis.ENV + "=" + url);
    }

    @Test
    void aConfiguredValueThatIsNotARedisUrlSkipsAndHidesNoPassword() {
        ServiceDecision decision = TestRedis.decide(Map.of(TestRedis.ENV, "localhost:6379"), () -> true, BOUND);
        assertThat(skipReason(decision)).contains(TestRedis.ENV + "=localhost:6379 is not a redis://host:port URL");

        String withPassword = "redis://:secret@127.0.0.1:" + freePort();
        assertThat(skipReason(TestRedis.decide(Map.of(TestRedis.ENV, withPassword), () -> true, BOUND)))
                .contains("redis://***@127.0.0.1").doesNotContain("secret");
    }

    @Test
    void withoutTheVariableAUsableDockerStartsAContainer() {
        assertThat(TestRedis.decide(Map.of(), () -> true, BOUND)).isInstanceOf(StartContainer.class);
        assertThat(TestRedis.decide(Map.of(TestRedis.ENV, "  "), () -> true, BOUND)).isInstanceOf(StartContainer.class);
    }

    @Test
    void withoutTheVariableOrDockerTheTestIsSkippedNamingWhatToStart() {
        assertThat(skipReason(TestRedis.decide(Map.of(), () -> false, BOUND))).isEqualTo(
                "no Redis for integration tests (CHAT_TEST_REDIS_URL is not set and no Docker engine is usable). "
                + "Start one (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no) and set "
                + "CHAT_TEST_REDIS_URL=redis://127.0.0.1:6379, or install Docker for Testcontainers");
    }

    @Test
    void aDockerProbeThatHangsIsAbandonedAfterTheBound() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        ServiceDecision decision = TestRedis.decide(Map.of(), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, BOUND);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(skipReason(decision)).contains("the Docker probe did not finish within 500 ms")
                .contains("redis-server", TestRedis.ENV);
    }

    @Test
    void aDockerProbeThatThrowsAnythingSkips() {
        ServiceDecision decision = TestRedis.decide(Map.of(), () -> {
            throw new NoClassDefFoundError("org/testcontainers/DockerClientFactory");
        }, BOUND);
        assertThat(skipReason(decision)).contains(
                "the Docker probe failed: java.lang.NoClassDefFoundError: org/testcontainers/DockerClientFactory");
    }

    @Test
    void theRedisForThisJvmAnswersOrTheTestIsSkipped() {
        String url = TestRedis.url();
        assertThat(url).startsWith("redis://");
        assertThat(TestRedis.url()).as("decided once").isSameAs(url);
    }

    @Test
    void uniquePrefixesAreDistinctShortAndValidNames() {
        Set<String> prefixes = IntStream.range(0, 1000)
                .mapToObj(i -> TestRedis.uniquePrefix(i % 2 == 0 ? "groupSend" : "a very long name: with/odd ünicode chars"))
                .collect(Collectors.toSet());
        assertThat(prefixes).hasSize(1000).allSatisfy(prefix -> assertThat(prefix)
                .matches("t-[A-Za-z0-9_.-]+-[a-z0-9]{8}").hasSizeLessThan(40));
        assertThat(TestRedis.uniquePrefix("groupSend")).matches("t-groupSend-[a-z0-9]{8}");
        assertThat(TestRedis.uniquePrefix("")).matches("t-test-[a-z0-9]{8}");
    }

    @Test
    void aServerOfItsOwnStopsAndRestartsOnTheSamePort() {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            int port = redis.port();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(RedisPing.answers("127.0.0.1", port, PING)).isTrue();
            assertThat(redis.isRunning()).isTrue();

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(RedisPing.answers("127.0.0.1", port, PING)).isTrue();
        }
    }

    @Test
    void aKilledServerRestartsAndCloseLeavesNoProcess() {
        Set<ProcessHandle> before = children();
        RedisServerProcess redis = RedisServerProcess.start();
        Set<ProcessHandle> started = children();
        started.removeAll(before);
        assertThat(started).hasSize(1);

        redis.kill();
        assertThat(started.iterator().next().isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close()).isInstanceOf(ConnectException.class);
        redis.restart();
        assertThat(RedisPing.answers("127.0.0.1", redis.port(), PING)).isTrue();

        redis.close();
        redis.close();
        assertThat(children()).isEqualTo(before);
        assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close()).isInstanceOf(ConnectException.class);
    }

    private static String skipReason(ServiceDecision decision) {
        assertThat(decision).isInstanceOf(Skip.class);
        return ((Skip) decision).reason();
    }

    /** Every live child of this JVM: only these tests start processes in it (Debian's redis-server is a symlink). */
    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A server that answers one PING per connection, enough to stand for Redis in the decision. */
    private static ServerSocket answeringPong() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    int read = 0;
                    while (read != '\n' && read != -1) { // the inline command, up to its end
                        read = in.read();
                    }
                    client.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the client went away, or the server was closed: the loop's condition tells which
                }
            }
        }, "fake-redis");
        thread.setDaemon(true);
        thread.start();
        return server;
    }
}
