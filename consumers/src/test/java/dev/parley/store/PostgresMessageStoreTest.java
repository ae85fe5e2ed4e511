package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.MessageStore.Appended;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The store contract on real Postgres, in a database of this test class's own, and two gateways sharing it. */
class PostgresMessageStoreTest extends MessageStoreContract {

    private static String databaseUrl;

    @Override
    protected R2dbcMessageStore openStore(Vertx vertx) {
        if (databaseUrl == null) {
            databaseUrl = TestPostgres.freshDatabase("history");
        }
        R2dbcMessageStore opened = await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(databaseUrl)));
        // The contract writes messages dated in the first half of 2026: their months' partitions, as a gateway
        // running then would have made them.
        await(opened.upkeep(Instant.parse("2026-01-01T00:00:00Z")));
        await(opened.upkeep(Instant.parse("2026-04-01T00:00:00Z")));
        return opened;
    }

    /**
     * Two gateways' stores append at once to the same four rooms, each batch spanning several rooms (taken in
     * opposite orders), and both receive the same retries: every room still counts 1..N with no gap or repeat, and
     * each retried message is stored once, with the seq both answers give.
     */
    @Test
    void twoGatewaysSharingTheDatabaseGetGapFreeSeqsAndStoreEachRetryOnce() {
        R2dbcMessageStore other = openStore(vertx);
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> rooms = List.of("a-" + run, "b-" + run, "c-" + run, "d-" + run);
            List<Future<Appended>> sends = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                sends.add(store.append(message(rooms.get(i % 4), "ann", "from one " + i, null)));
                sends.add(other.append(message(rooms.get(3 - i % 4), "bob", "from two " + i, null)));
                if (i % 10 == 0) {
                    NewMessage retried = message(rooms.get(i % 4), "cid", "retried " + i, "c-" + i);
                    sends.add(store.append(retried));
                    sends.add(other.append(retried));
                }
            }
            List<Appended> results = sends.stream().map(MessageStoreContract::await).toList();

            Map<String, List<Long>> seqsByRoom = results.stream().filter(a -> !a.duplicate())
                    .collect(Collectors.groupingBy(a -> a.message().room(),
                            Collectors.mapping(a -> a.message().seq(), Collectors.toList())));
            for (String room : rooms) {
                List<Long> seqs = seqsByRoom.get(room).stream().sorted().toList();
                assertThat(seqs).as("room %s's seqs", room)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
                assertThat(await(store.latest(room, 500)).messages()).as("room %s's history", room)
                        .hasSize(seqs.size());
            }
            Map<String, List<Appended>> retries = results.stream()
                    .filter(a -> a.message().clientId().isPresent())
                    .collect(Collectors.groupingBy(a -> a.message().clientId().get()));
            assertThat(retries).hasSize(40).allSatisfy((clientId, answers) -> {
                assertThat(answers).as("answers for %s", clientId).hasSize(2)
                        .extracting(a -> a.message().seq()).containsOnly(answers.get(0).message().seq());
                assertThat(answers).filteredOn(a -> !a.duplicate()).as("stored once: %s", clientId).hasSize(1);
            });
        } finally {
            await(other.close());
        }
    }

    private static NewMessage message(String room, String user, String text, String clientId) {
        return new NewMessage(room, user, text, Instant.now(), Optional.ofNullable(clientId));
    }
}
