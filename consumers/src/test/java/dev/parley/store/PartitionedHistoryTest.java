package dev.parley.store;

import static dev.parley.store.MessageStoreContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestPostgres;
import dev.parley.store.Amendment.Authorship;
import dev.parley.store.MessageStore.Amended.Outcome;
import dev.parley.store.MessageStore.Appended;
import dev.parley.store.MessageStore.Page;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Postgres's month partitions (db/postgres/V9): a room whose messages span months, partitions made by several
 * stores at once, and the retention dropping whole months. Time is the test's: messages carry the dates it gives,
 * and {@link R2dbcMessageStore#upkeep} is run "as if" at the dates it names. Each test uses months of its own
 * (2024, 2025, 2030), so the retention of one never touches another's.
 */
class PartitionedHistoryTest {

    private static String databaseUrl;
    private Vertx vertx;
    private R2dbcMessageStore store;
    private String room;

    @BeforeAll
    static void database() {
        databaseUrl = TestPostgres.freshDatabase("partitions");
    }

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(databaseUrl)));
        room = "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            await(store.close());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRoomSpanningThreeMonthsPagesBothWaysResumesAndAmendsAcrossTheBoundaries() throws SQLException {
        assertThat(await(store.upkeep(Instant.parse("2025-01-10T00:00:00Z"))).partitionsCreated())
                .containsExactly("chat_messages_y2025m01", "chat_messages_y2025m02", "chat_messages_y2025m03",
                        "chat_messages_y2025m04");
        // The last milliseconds of January, then February, then the first milliseconds of March.
        for (int i = 0; i < 10; i++) {
            append("alice", "jan " + i, i == 0 ? "c-jan" : null, Instant.parse("2025-01-31T23:59:59.990Z").plusMillis(i));
        }
        for (int i = 0; i < 10; i++) {
            append("bob", "feb " + i, null, Instant.parse("2025-02-15T12:00:00Z").plusSeconds(i));
        }
        for (int i = 0; i < 10; i++) {
            append("carol", "mar " + i, null, Instant.parse("2025-03-01T00:00:00Z").plusMillis(i));
        }
        assertThat(rowsByPartition(room)).containsExactly(Map.entry("chat_messages_y2025m01", 10L),
                Map.entry("chat_messages_y2025m02", 10L), Map.entry("chat_messages_y2025m03", 10L));

        assertThat(seqs(await(store.latest(room, 5)))).containsExactly(26L, 27L, 28L, 29L, 30L);
        Page older = await(store.before(room, 26, 10));
        assertThat(seqs(older)).as("back over the March/February edge").isEqualTo(range(16, 25));
        assertThat(older.hasMore()).isTrue();
        assertThat(seqs(await(store.before(room, 14, 6)))).as("back over the February/January edge")
                .isEqualTo(range(8, 13));
        Page oldest = await(store.before(room, 3, 5));
        assertThat(seqs(oldest)).containsExactly(1L, 2L);
        assertThat(oldest.hasMore()).isFalse();
        Page resumed = await(store.after(room, 8, 5));
        assertThat(seqs(resumed)).as("forward over the January/February edge").isEqualTo(range(9, 13));
        assertThat(resumed.hasMore()).isTrue();
        assertThat(resumed.skipsAfter(8)).isFalse();
        assertThat(seqs(await(store.after(room, 18, 5)))).isEqualTo(range(19, 23));
        Page all = await(store.after(room, 0, 500));
        assertThat(seqs(all)).isEqualTo(range(1, 30));
        assertThat(all.hasMore()).isFalse();
        assertThat(all.messages().get(9).text()).isEqualTo("jan 9");
        assertThat(all.messages().get(20).text()).isEqualTo("mar 0");

        Appended retry = append("alice", "jan 0", "c-jan", Instant.parse("2025-03-01T23:00:00Z"));
        assertThat(retry.duplicate()).as("a retry in March of a January message (within 31 days) is found in "
                + "January's partition").isTrue();
        assertThat(retry.message().seq()).isEqualTo(1);
        assertThat(retry.message().sentAt()).isEqualTo(Instant.parse("2025-01-31T23:59:59.990Z"));

        Instant march = Instant.parse("2025-03-10T00:00:00Z");
        var edited = await(store.amend(new Amendment(room, 3, "alice", Authorship.POSTED_ON_THIS_CONNECTION,
                Optional.of("jan 2, edited in March"), march, Optional.of("e-1"))));
        assertThat(edited.outcome()).isEqualTo(Outcome.AMENDED);
        assertThat(edited.event().orElseThrow().seq()).isEqualTo(31);
        var deleted = await(store.amend(new Amendment(room, 15, "bob", Authorship.POSTED_ON_THIS_CONNECTION,
                Optional.empty(), march, Optional.empty())));
        assertThat(deleted.event().orElseThrow().seq()).isEqualTo(32);
        StoredMessage january = await(store.before(room, 4, 1)).messages().get(0);
        assertThat(january.text()).isEqualTo("jan 2, edited in March");
        assertThat(january.editedAt()).hasValue(march);
        assertThat(await(store.before(room, 16, 1)).messages().get(0).deleted()).isTrue();
        assertThat(await(store.latest(room, 2)).messages()).extracting(StoredMessage::target).containsExactly(3L, 15L);
        assertThat(rowsByPartition(room)).containsEntry("chat_messages_y2025m03", 12L);

        // A month made while the store's connections hold their plans takes the next insert at once.
        assertThat(await(store.upkeep(Instant.parse("2025-06-01T00:00:00Z"))).partitionsCreated())
                .containsExactly("chat_messages_y2025m06", "chat_messages_y2025m07", "chat_messages_y2025m08",
                        "chat_messages_y2025m09");
        assertThat(append("dan", "june", null, Instant.parse("2025-06-02T00:00:00Z")).message().seq()).isEqualTo(33);
        assertThat(rowsByPartition(room)).containsEntry("chat_messages_y2025m06", 1L);
        assertThat(seqs(await(store.after(room, 30, 10)))).containsExactly(31L, 32L, 33L);
    }

    @Test
    void severalStoresMakingTheSameMonthsAtOnceMakeEachOnce() {
        List<R2dbcMessageStore> others = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                others.add(await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(databaseUrl))));
            }
            List<R2dbcMessageStore> all = new ArrayList<>(others);
            all.add(store);
            for (String when : List.of("2030-05-01T00:00:00Z", "2030-06-20T00:00:00Z")) {
                List<Future<Upkeep>> runs = all.stream().map(s -> s.upkeep(Instant.parse(when))).toList();
                List<String> created = runs.stream().flatMap(run -> await(run).partitionsCreated().stream()).toList();
                assertThat(created).as("as if at %s", when).containsExactlyInAnyOrderElementsOf(
                        when.startsWith("2030-05") ? List.of("chat_messages_y2030m05", "chat_messages_y2030m06",
                                "chat_messages_y2030m07", "chat_messages_y2030m08")
                                : List.of("chat_messages_y2030m09"));
            }
            assertThat(append("ann", "in the future", null, Instant.parse("2030-09-30T23:59:59.999Z")).message().seq())
                    .isEqualTo(1);
            // A retry is looked for among the 31 days before it (db/postgres/V10): later, it is a new message.
            assertThat(append("ann", "once", "c-1", Instant.parse("2030-05-02T00:00:00Z")).message().seq()).isEqualTo(2);
            assertThat(append("ann", "once", "c-1", Instant.parse("2030-06-01T00:00:00Z")).duplicate()).isTrue();
            Appended late = append("ann", "once", "c-1", Instant.parse("2030-06-10T00:00:00Z"));
            assertThat(late.duplicate()).as("39 days after its original").isFalse();
            assertThat(late.message().seq()).isEqualTo(3);
        } finally {
            others.forEach(s -> await(s.close()));
        }
    }

    @Test
    void theRetentionDropsOnlyWholeMonthsAndAResumeIntoThemTellsWhatIsKept() throws SQLException {
        R2dbcMessageStore keeping = await(R2dbcMessageStore.open(vertx,
                StoreSettings.postgres(databaseUrl).withRetention(Duration.ofDays(30))));
        try {
            await(keeping.upkeep(Instant.parse("2024-01-05T00:00:00Z")));
            for (int i = 0; i < 5; i++) {
                append("alice", "jan " + i, null, Instant.parse("2024-01-20T00:00:00Z").plusSeconds(i));
            }
            for (int i = 0; i < 5; i++) {
                append("alice", "feb " + i, null, Instant.parse("2024-02-20T00:00:00Z").plusSeconds(i));
            }
            for (int i = 0; i < 5; i++) {
                append("alice", "mar " + i, null, Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i));
            }

            // Thirty days before 20 March is 19 February: January is wholly older, February is not.
            Upkeep march = await(keeping.upkeep(Instant.parse("2024-03-20T00:00:00Z")));
            assertThat(march.partitionsDropped()).containsExactly("chat_messages_y2024m01");
            assertThat(march.retentionFailure()).isEmpty();
            assertThat(rowsByPartition(room)).containsOnlyKeys("chat_messages_y2024m02", "chat_messages_y2024m03");

            Page resumed = await(store.after(room, 2, 50));
            assertThat(seqs(resumed)).isEqualTo(range(6, 15));
            assertThat(resumed.skipsAfter(2)).as("seqs 3 to 5 were dropped: a reset").isTrue();
            assertThat(await(store.after(room, 5, 50)).skipsAfter(5)).as("nothing after 5 was dropped").isFalse();
            Page latest = await(store.latest(room, 50));
            assertThat(seqs(latest)).isEqualTo(range(6, 15));
            assertThat(latest.hasMore()).isFalse();
            Page before = await(store.before(room, 7, 50));
            assertThat(seqs(before)).containsExactly(6L);
            assertThat(before.hasMore()).isFalse();
            assertThat(append("alice", "later", null, Instant.parse("2024-03-21T00:00:00Z")).message().seq())
                    .as("seqs go on from the room's last, never reused").isEqualTo(16);

            Upkeep april = await(keeping.upkeep(Instant.parse("2024-04-15T00:00:00Z")));
            assertThat(april.partitionsDropped()).containsExactly("chat_messages_y2024m02");
            Page afterFeb = await(store.after(room, 5, 50));
            assertThat(afterFeb.skipsAfter(5)).isTrue();
            assertThat(afterFeb.messages().get(0).seq()).isEqualTo(11);
            assertThat(await(keeping.upkeep(Instant.parse("2024-04-15T00:00:00Z"))).partitionsDropped())
                    .as("nothing more to drop").isEmpty();
        } finally {
            await(keeping.close());
        }
    }

    private Appended append(String user, String text, String clientId, Instant at) {
        return await(store.append(new NewMessage(room, user, text, at, Optional.ofNullable(clientId))));
    }

    /** How many of the room's rows each partition holds, by partition name. */
    private static Map<String, Long> rowsByPartition(String room) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(TestPostgres.jdbcUrlOf(databaseUrl));
             PreparedStatement select = connection.prepareStatement(
                     "SELECT tableoid::regclass::text, count(*) FROM chat_messages WHERE room = ? GROUP BY 1")) {
            select.setString(1, room);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return rows;
    }

    private static List<Long> seqs(Page page) {
        return page.messages().stream().map(StoredMessage::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
