package dev.parley.layer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.layer.testing.ServiceDecision.Skip;
import dev.parley.layer.testing.ServiceDecision.StartContainer;
import dev.parley.layer.testing.ServiceDecision.Use;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** How integration tests find PostgreSQL (each branch without Docker), its URLs, and databases of their own. */
class PostgresTestServicesTest {

    private static final Duration BOUND = Duration.ofMillis(500);

    @Test
    void aConfiguredPostgresThatAcceptsAConnectionIsUsedWithoutProbingDocker() throws IOException {
        AtomicBoolean probed = new AtomicBoolean();
        try (FakePostgres fake = new FakePostgres(true)) {
            String url = "r2dbc:postgresql://alice:secret@127.0.0.1:" + fake.port() + "/chat?sslMode=disable";
            ServiceDecision decision = TestPostgres.decide(Map.of(TestPostgres.ENV, url), () -> probed.getAndSet(true), BOUND);
            String used = "r2dbc:postgresql://alice:secret@127.0.0.1:" + fake.port() + "/chat";
            assertThat(decision).isEqualTo(new Use(used, TestPostgres.ENV + "=r2dbc:postgresql://alice:***@127.0.0.1:"
                    + fake.port() + "/chat (accepts a JDBC connection; Docker not probed)"));
            assertThat(decision.urlOrStop(Map.of())).isEqualTo(used);
            assertThat(fake.startups).singleElement().asString().contains("user alice ", "database chat ");
        }
        assertThat(probed).isFalse();
    }

    @Test
    void aConfiguredPostgresThatDoesNotAnswerSkipsNamingTheVariable() {
        String url = "r2dbc:postgresql://postgres@127.0.0.1:" + freePort() + "/postgres";
        ServiceDecision decision = TestPostgres.decide(Map.of(TestPostgres.ENV, url), () -> true, BOUND);
        assertThat(skipReason(decision))
                .startsWith(TestPostgres.ENV + "=" + url + " does not accept a JDBC connection within 3 s (")
                .endsWith("Start PostgreSQL there (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)"
                        + " or unset " + TestPostgres.ENV + " to use Docker");
        assertThatThrownBy(() -> decision.urlOrStop(Map.of())).isInstanceOf(TestAbortedException.class)
                .hasMessage("skipped: " + skipReason(decision));
        assertThatThrownBy(() -> decision.urlOrStop(Map.of(MissingService.REQUIRE_ENV, "true")))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessage("PostgreSQL is missing, and CHAT_TEST_REQUIRE_SERVICES=true makes that a failure, not a skip: "
                        + skipReason(decision))
                .hasMessageContaining(TestPostgres.ENV + "=" + url);
    }

    @Test
    void aConfiguredPostgresThatNeverAnswersSkipsWithinTheConnectTimeout() throws IOException {
        try (FakePostgres silent = new FakePostgres(false)) {
            String url = "r2dbc:postgresql://postgres:secret@127.0.0.1:" + silent.port() + "/postgres";
            long start = System.nanoTime();
            ServiceDecision decision = TestPostgres.decide(Map.of(TestPostgres.ENV, url), () -> true, BOUND);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            assertThat(skipReason(decision)).contains("postgres:***@127.0.0.1:" + silent.port(),
                    "does not accept a JDBC connection within 3 s").doesNotContain("secret");
        }
    }

    @Test
    void aConfiguredValueThatIsNotAnR2dbcUrlSkipsAndHidesThePassword() {
        assertThat(skipReason(TestPostgres.decide(Map.of(TestPostgres.ENV, "localhost:5432"), () -> true, BOUND)))
                .isEqualTo("CHAT_TEST_DATABASE_URL is not an R2DBC PostgreSQL URL (it does not start with r2dbc:): "
                        + "localhost:5432; expected r2dbc:postgresql://user[:password]@host[:port]/database. "
                        + "Set it to r2dbc:postgresql://postgres@127.0.0.1:5432/postgres or similar");

        String jdbcWithPassword = "jdbc:postgresql://postgres:secret@127.0.0.1:5432/postgres";
        assertThat(skipReason(TestPostgres.decide(Map.of(TestPostgres.ENV, jdbcWithPassword), () -> true, BOUND)))
                .contains("postgres:***@127.0.0.1:5432/postgres").doesNotContain("secret");
    }

    @Test
    void withoutTheVariableAUsableDockerStartsAContainer() {
        assertThat(TestPostgres.decide(Map.of(), () -> true, BOUND)).isInstanceOf(StartContainer.class);
        assertThat(TestPostgres.decide(Map.of(TestPostgres.ENV, " "), () -> true, BOUND)).isInstanceOf(StartContainer.class);
    }

    @Test
    void withoutTheVariableOrDockerTheTestIsSkippedNamingWhatToStart() {
        assertThat(skipReason(TestPostgres.decide(Map.of(), () -> false, BOUND))).isEqualTo(
                "no PostgreSQL for integration tests (CHAT_TEST_DATABASE_URL is not set and no Docker engine is "
                + "usable). Start PostgreSQL and set CHAT_TEST_DATABASE_URL=r2dbc:postgresql://postgres@127.0.0.1:5432/postgres"
                + ", or install Docker for Testcontainers");
    }

    @Test
    void aDockerProbeThatHangsIsAbandonedAfterTheBound() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        ServiceDecision decision = TestPostgres.decide(Map.of(), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, BOUND);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(skipReason(decision)).contains("the Docker probe did not finish within 500 ms")
                .contains("Start PostgreSQL", TestPostgres.ENV);
    }

    @Test
    void aDockerProbeThatThrowsAnythingSkips() {
        ServiceDecision decision = TestPostgres.decide(Map.of(), () -> {
            throw new NoClassDefFoundError("org/testcontainers/DockerClientFactory");
        }, BOUND);
        assertThat(skipReason(decision)).contains(
                "the Docker probe failed: java.lang.NoClassDefFoundError: org/testcontainers/DockerClientFactory");
    }

    @Test
    void anR2dbcUrlBecomesAJdbcUrlWithAndWithoutPasswordAndPort() {
        assertThat(TestPostgres.jdbcUrlOf("r2dbc:postgresql://postgres@127.0.0.1:5432/postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        assertThat(TestPostgres.jdbcUrlOf("r2dbc:postgresql://postgres@db.example/chat"))
                .isEqualTo("jdbc:postgresql://db.example:5432/chat?user=postgres");
        assertThat(TestPostgres.jdbcUrlOf("r2dbc:postgresql://chat:s3cret@10.0.0.7:6543/history?sslMode=require"))
                .isEqualTo("jdbc:postgresql://10.0.0.7:6543/history?user=chat&password=s3cret");
        assertThat(TestPostgres.jdbcUrlOf("r2dbc:postgresql://ch%40t:p%3Aw+d%2F@[::1]/my%20db"))
                .isEqualTo("jdbc:postgresql://[::1]:5432/my%20db?user=ch%40t&password=p%3Aw%2Bd%2F");
    }

    @Test
    void anR2dbcUrlIsParsedAndShownWithoutItsPassword() {
        PostgresUrl url = PostgresUrl.parse("r2dbc:postgresql://chat:p%3Aw+d@127.0.0.1/history?connectTimeout=PT3S");
        assertThat(url).isEqualTo(new PostgresUrl("chat", Optional.of("p:w+d"), "127.0.0.1", 5432, "history"));
        assertThat(url.r2dbc()).isEqualTo("r2dbc:postgresql://chat:p%3Aw%2Bd@127.0.0.1:5432/history");
        assertThat(url).hasToString("r2dbc:postgresql://chat:***@127.0.0.1:5432/history");
        assertThat(url.withDatabase("t_x").r2dbc()).isEqualTo("r2dbc:postgresql://chat:p%3Aw%2Bd@127.0.0.1:5432/t_x");
        assertThat(PostgresUrl.parse(url.r2dbc())).isEqualTo(url);
        assertThat(PostgresUrl.parse("r2dbc:postgresql://postgres@127.0.0.1/postgres").password()).isEmpty();
    }

    @Test
    void otherFormsAreRejectedSayingWhyAndHidingThePassword() {
        Map<String, String> reasons = Map.of(
                "postgresql://postgres:secret@127.0.0.1/postgres", "it does not start with r2dbc:",
                "r2dbc:pool:postgresql://postgres:secret@127.0.0.1/postgres", "the driver is not postgresql",
                "r2dbc:mysql://root:secret@127.0.0.1/chat", "the driver is not postgresql",
                "r2dbc:postgresql://127.0.0.1:5432/postgres", "it names no user",
                "r2dbc:postgresql://:secret@127.0.0.1:5432/postgres", "it names no user",
                "r2dbc:postgresql://postgres:secret@127.0.0.1:5432", "its path is not /database",
                "r2dbc:postgresql://postgres:secret@127.0.0.1:5432/a/b", "its path is not /database",
                "r2dbc:postgresql://postgres:sec/ret@127.0.0.1/postgres", "it names no host",
                "r2dbc:postgresql://postgres:secret@127.0.0.1:5432/post gres", "it is not a URI");
        reasons.forEach((value, reason) -> assertThatThrownBy(() -> TestPostgres.jdbcUrlOf(value))
                .as(value).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an R2DBC PostgreSQL URL (" + reason)
                .hasMessageEndingWith("; expected r2dbc:postgresql://user[:password]@host[:port]/database")
                .message().doesNotContain("secret", "sec/ret"));
    }

    @Test
    void databaseNamesAreDistinctShortAndNeedNoQuoting() {
        Set<String> names = IntStream.range(0, 1000)
                .mapToObj(i -> ScratchDatabases.uniqueName(i % 2 == 0 ? "History" : "a Very long name: with/odd ünicode chars"))
                .collect(Collectors.toSet());
        assertThat(names).hasSize(1000).allSatisfy(name -> assertThat(name)
                .matches("t_[a-z0-9_]+_[a-z0-9]{8}").hasSizeLessThan(63));
        assertThat(ScratchDatabases.uniqueName("HistoryTest")).matches("t_historytest_[a-z0-9]{8}");
        assertThat(ScratchDatabases.uniqueName("")).matches("t_test_[a-z0-9]{8}");
    }

    @Test
    void freshDatabasesAreDistinctEmptyAndConnectable() throws SQLException {
        PostgresUrl server = PostgresUrl.parse(TestPostgres.serverUrl());
        String first = TestPostgres.freshDatabase("PostgresTestServices");
        String second = TestPostgres.freshDatabase("PostgresTestServices");

        assertThat(first).isNotEqualTo(second);
        for (String url : List.of(first, second)) {
            PostgresUrl parsed = PostgresUrl.parse(url);
            assertThat(parsed.database()).matches("t_postgrestestservices_[a-z0-9]{8}");
            assertThat(parsed.withDatabase(server.database())).isEqualTo(server);
            assertThat(tablesIn(url)).isEmpty();
        }

        TestPostgres.execute(first, "CREATE TABLE only_here (id int)");
        assertThat(tablesIn(first)).containsExactly("only_here");
        assertThat(tablesIn(second)).isEmpty();

        TestPostgres.execute(first, "DROP TABLE only_here");
        assertThat(tablesIn(first)).isEmpty();
        assertThatThrownBy(() -> TestPostgres.execute(second, "DROP TABLE only_here"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only_here");
    }

    private static List<String> tablesIn(String r2dbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestPostgres.jdbcUrlOf(r2dbcUrl));
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            assertThat(connection.getCatalog()).isEqualTo(PostgresUrl.parse(r2dbcUrl).database());
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            return names;
        }
    }

    private static String skipReason(ServiceDecision decision) {
        assertThat(decision).isInstanceOf(Skip.class);
        return ((Skip) decision).reason();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A server that completes PostgreSQL's startup with trust auth and answers every query with success, enough
     * to stand for PostgreSQL in the decision; or, not answering, one that accepts connections and says nothing.
     */
    private static final class FakePostgres implements AutoCloseable {

        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;

        /** The startup parameters of each connection, NULs shown as spaces: "user alice database chat ...". */
        final List<String> startups = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        FakePostgres(boolean answering) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        clients.add(client);
                        if (answering) {
                            converse(client);
                        }
                    } catch (IOException e) {
                        // the client went away, or the server was closed: the loop's condition tells which
                    }
                }
            }, "fake-postgres");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket client : clients) {
                client.close();
            }
        }

        private void converse(Socket client) throws IOException {
            try (client) {
                var in = new DataInputStream(client.getInputStream());
                var out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
                int length = in.readInt();
                int code = in.readInt();
                while (code == SSL_REQUEST || code == GSS_REQUEST) { // no encryption here: 'N', then the startup
                    out.writeByte('N');
                    out.flush();
                    length = in.readInt();
                    code = in.readInt();
                }
                startups.add(new String(in.readNBytes(length - 8), StandardCharsets.UTF_8).replace('\0', ' '));
                message(out, 'R', new byte[] {0, 0, 0, 0}); // AuthenticationOk
                for (String[] parameter : new String[][] {{"server_version", "15.0"}, {"client_encoding", "UTF8"},
                        {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"}}) {
                    message(out, 'S', (parameter[0] + "\0" + parameter[1] + "\0").getBytes(StandardCharsets.UTF_8));
                }
                message(out, 'K', new byte[8]);
                message(out, 'Z', new byte[] {'I'});
                out.flush();
                answerUntilTerminated(in, out);
            }
        }

        /** Every extended-protocol step succeeds and every statement completes, with no rows. */
        private static void answerUntilTerminated(DataInputStream in, DataOutputStream out) throws IOException {
            for (int type = in.read(); type != -1 && type != 'X'; type = in.read()) {
                in.readNBytes(in.readInt() - 4);
                switch (type) {
                    case 'P' -> message(out, '1', new byte[0]);
                    case 'B' -> message(out, '2', new byte[0]);
                    case 'D' -> message(out, 'n', new byte[0]);
                    case 'E' -> message(out, 'C', "SET\0".getBytes(StandardCharsets.UTF_8));
                    case 'Q' -> {
                        message(out, 'C', "SET\0".getBytes(StandardCharsets.UTF_8));
                        message(out, 'Z', new byte[] {'I'});
                    }
                    case 'S' -> message(out, 'Z', new byte[] {'I'});
                    default -> { } // Flush, Close: nothing to answer
                }
                out.flush();
            }
        }

        private static void message(DataOutputStream out, char type, byte[] body) throws IOException {
            out.writeByte(type);
            out.writeInt(body.length + 4);
            out.write(body);
        }
    }
}
