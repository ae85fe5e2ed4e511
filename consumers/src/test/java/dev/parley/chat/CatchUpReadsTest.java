package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.MessageStore.Page;
import dev.parley.store.NewMessage;
import dev.parley.store.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catch-up reads are shared by a node's connections: one store query per room and starting seq at a time. */
class CatchUpReadsTest extends ChatConsumerFixture {

    private HeldReads held;
    private CatchUpReads reads;

    @BeforeEach
    void share() {
        held = new HeldReads(store);
        reads = new CatchUpReads(held);
    }

    @Test
    void readsOfOneRoomFromOneSeqAskedTogetherCostOneQuery() throws Exception {
        append("lobby", 3);
        held.hold();
        List<Future<Page>> asked = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            asked.add(reads.after("lobby", 1, context()));
        }

        held.release();
        for (Future<Page> page : asked) {
            assertThat(seqs(await(page))).containsExactly(2L, 3L);
        }
        assertThat(held.reads()).isEqualTo(1);
        assertThat(reads.queries()).isEqualTo(1);
        assertThat(reads.joined()).isEqualTo(999);
    }

    @Test
    void otherRoomsAndOtherStartingSeqsAreReadsOfTheirOwn() throws Exception {
        append("lobby", 3);
        append("games", 2);
        held.hold();
        Future<Page> fromOne = reads.after("lobby", 1, context());
        Future<Page> fromTwo = reads.after("lobby", 2, context());
        Future<Page> games = reads.after("games", 1, context());
        Future<Long> latest = reads.latestSeq("lobby", context());
        Future<Long> latestAgain = reads.latestSeq("lobby", context());

        held.release();
        assertThat(seqs(await(fromOne))).containsExactly(2L, 3L);
        assertThat(seqs(await(fromTwo))).containsExactly(3L);
        assertThat(seqs(await(games))).containsExactly(2L);
        assertThat(await(latest)).isEqualTo(3L);
        assertThat(await(latestAgain)).isEqualTo(3L);
        assertThat(held.reads()).isEqualTo(4);
    }

    @Test
    void aReadAskedOnceTheLastOneCameBackQueriesAgainAndSeesNewMessages() throws Exception {
        append("lobby", 2);
        assertThat(seqs(await(reads.after("lobby", 0, context())))).containsExactly(1L, 2L);
        append("lobby", 1);

        assertThat(seqs(await(reads.after("lobby", 0, context())))).containsExactly(1L, 2L, 3L);
        assertThat(held.reads()).isEqualTo(2);
    }

    @Test
    void theLatestSeqOfARoomWithoutMessagesIsZero() throws Exception {
        assertThat(await(reads.latestSeq("empty", context()))).isZero();
    }

    private Context context() {
        return vertx.getOrCreateContext();
    }

    private void append(String room, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            await(store.append(new NewMessage(room, "alice", "m" + i, NOW, Optional.empty())));
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<Long> seqs(Page page) {
        return page.messages().stream().map(StoredMessage::seq).toList();
    }
}
