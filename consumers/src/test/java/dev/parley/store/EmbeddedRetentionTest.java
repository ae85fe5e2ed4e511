package dev.parley.store;

import static dev.parley.store.MessageStoreContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.MessageStore.Page;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retention on the embedded default, which has no partitions: rows older than it are deleted. */
class EmbeddedRetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rowsOlderThanTheRetentionAreDeletedAndAResumeIntoThemTellsWhatIsKept() throws Exception {
        Vertx vertx = Vertx.vertx();
        StoreSettings settings = StoreSettings.embedded(Files.createTempDirectory("parley-h2-retention"));
        R2dbcMessageStore forever = await(R2dbcMessageStore.open(vertx, settings));
        try {
            // More than one chunk of deletion: the retention deletes in steps, between the writer's batches.
            int old = EmbeddedRetention.CHUNK + 3;
            List<Future<MessageStore.Appended>> sends = new ArrayList<>();
            for (int i = 0; i < old; i++) {
                sends.add(forever.append(new NewMessage("lobby", "alice", "old " + i, T0.plusMillis(i), Optional.empty())));
            }
            sends.forEach(MessageStoreContract::await);
            for (int i = 0; i < 3; i++) {
                append(forever, "new " + i, T0.plus(Duration.ofDays(2)).plusSeconds(i));
            }
            assertThat(await(forever.upkeep(T0.plus(Duration.ofDays(400)))).rowsDeleted())
                    .as("no retention set: kept forever").isZero();
            await(forever.close());

            R2dbcMessageStore keeping = await(R2dbcMessageStore.open(vertx, settings.withRetention(Duration.ofDays(1))));
            try {
                Upkeep done = await(keeping.upkeep(T0.plus(Duration.ofHours(60))));
                assertThat(done.rowsDeleted()).isEqualTo(old);
                assertThat(done.partitionsCreated()).isEmpty();

                Page resumed = await(keeping.after("lobby", 1, 50));
                assertThat(resumed.messages()).extracting(StoredMessage::seq)
                        .containsExactly(old + 1L, old + 2L, old + 3L);
                assertThat(resumed.skipsAfter(1)).isTrue();
                assertThat(await(keeping.after("lobby", old, 50)).skipsAfter(old)).isFalse();
                assertThat(append(keeping, "later", T0.plus(Duration.ofHours(61))).message().seq())
                        .isEqualTo(old + 4L);
                assertThat(await(keeping.upkeep(T0.plus(Duration.ofHours(61)))).rowsDeleted()).isZero();
            } finally {
                await(keeping.close());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static MessageStore.Appended append(R2dbcMessageStore store, String text, Instant at) {
        return await(store.append(new NewMessage("lobby", "alice", text, at, Optional.empty())));
    }
}
