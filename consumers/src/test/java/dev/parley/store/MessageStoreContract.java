package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import dev.parley.accounts.JoinedRooms;
import dev.parley.store.Amendment.Authorship;
import dev.parley.store.MessageStore.Amended;
import dev.parley.store.MessageStore.Amended.Outcome;
import dev.parley.store.MessageStore.Appended;
import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} promises; each database's test extends it. Rooms get a random suffix per test,
 * so tests may share a database.
 */
abstract class MessageStoreContract {

    protected Vertx vertx;
    protected R2dbcMessageStore store;
    private String room;

    /** A store on the same database each time it is called, so a reopened store sees what the last one wrote. */
    protected abstract R2dbcMessageStore openStore(Vertx vertx);

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = openStore(vertx);
        room = "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) { // null when the database was not there and the test was skipped
            await(store.close());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void joinedRoomsAreKeptPerUserInOrderUpToTheLimit() {
        JoinedRooms joined = store.joinedRooms();
        String user = "Ada-" + room;
        assertThat(await(joined.of(user))).isEmpty();
        assertThat(await(joined.join(user, room + "-b", 3))).isTrue();
        assertThat(await(joined.join(user, room + "-a", 3))).isTrue();
        assertThat(await(joined.join(user, room + "-b", 3))).as("joined already").isTrue();
        assertThat(await(joined.of(user.toUpperCase()))).as("by the name's key, in the order joined")
                .containsExactly(room + "-b", room + "-a");
        assertThat(await(joined.of("other-" + room))).as("another user's").isEmpty();

        assertThat(await(joined.join(user, room + "-c", 3))).isTrue();
        assertThat(await(joined.join(user, room + "-d", 3))).as("over the limit").isFalse();
        assertThat(await(joined.join(user, room + "-a", 3))).as("joined already, at the limit").isTrue();

        await(joined.leave(user, room + "-a"));
        await(joined.leave(user, room + "-never"));
        assertThat(await(joined.of(user))).containsExactly(room + "-b", room + "-c");
        assertThat(await(joined.join(user, room + "-d", 3))).as("room again after leaving one").isTrue();
    }

    @Test
    void anAccountNameIsTakenOnceWhateverItsCaseOrWidth() {
        AccountStore accounts = store.accounts();
        String name = "Ada-" + room;

        assertThat(await(accounts.create(new Account(name, "hash-1")))).isTrue();
        assertThat(await(accounts.create(new Account(name.toLowerCase(), "hash-2")))).as("same name, other case")
                .isFalse();
        assertThat(await(accounts.create(new Account("\uFF21da-" + room, "hash-3")))).as("full-width A").isFalse();

        Optional<Account> found = await(accounts.find(name.toUpperCase()));
        assertThat(found).hasValue(new Account(name, "hash-1"));
        assertThat(await(accounts.find("nobody-" + room))).isEmpty();
    }

    /** Issue 17, finding 3: a look-alike of a registered name is that name (NameKeyTest has the key itself). */
    @Test
    void aLookAlikeOfARegisteredNameIsTheSameAccount() {
        AccountStore accounts = store.accounts();
        String name = "alice-" + room;

        assertThat(await(accounts.create(new Account(name, "hash-1")))).isTrue();
        assertThat(await(accounts.create(new Account("\u0430lice-" + room, "hash-2")))).as("Cyrillic а").isFalse();
        assertThat(await(accounts.create(new Account(name + "\uFE0F", "hash-3")))).as("variation selector").isFalse();
        assertThat(await(accounts.create(new Account(name + ".", "hash-4")))).as("trailing dot").isFalse();

        assertThat(await(accounts.find("a\u034Flice-" + room))).as("with a combining grapheme joiner")
                .hasValue(new Account(name, "hash-1"));
    }

    @Test
    void seqStartsAtOneAndCountsUpWithinEachRoom() {
        assertThat(append(room, "alice", "one", null).message().seq()).isEqualTo(1);
        assertThat(append(room, "bob", "two", null).message().seq()).isEqualTo(2);
        assertThat(append(room + "-b", "alice", "elsewhere", null).message().seq()).isEqualTo(1);
        assertThat(append(room, "alice", "three", null).message().seq()).isEqualTo(3);
    }

    @Test
    void concurrentSendersGetEverySeqOnceWithoutGaps() {
        List<Future<Appended>> sends = IntStream.range(0, 300)
                .mapToObj(i -> store.append(message(room, "user" + (i % 7), "m" + i, null))).toList();

        List<Long> seqs = sends.stream().map(f -> await(f).message().seq()).sorted().toList();

        assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).mapToObj(i -> (long) i).toList());
        assertThat(await(store.latest(room, 500)).messages()).hasSize(300);
    }

    @Test
    void aRetryWithTheSameClientIdIsNotStoredTwiceAndGetsTheOriginalSeq() {
        Appended first = append(room, "alice", "hello", "c-1");
        append(room, "bob", "in between", null);

        Appended retry = append(room, "alice", "hello", "c-1");

        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message().seq()).isEqualTo(first.message().seq());
        assertThat(await(store.latest(room, 10)).messages()).hasSize(2);
    }

    @Test
    void retriesArrivingTogetherAreStoredOnce() {
        List<Future<Appended>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(store.append(message(room, "alice", "same", "c-burst")));
        }

        List<Appended> results = sends.stream().map(MessageStoreContract::await).toList();

        assertThat(results).extracting(a -> a.message().seq()).containsOnly(1L);
        assertThat(results).filteredOn(a -> !a.duplicate()).hasSize(1);
    }

    @Test
    void aClientIdBelongsToOneUserInOneRoom() {
        long first = append(room, "alice", "x", "c-1").message().seq();

        assertThat(append(room, "bob", "x", "c-1").duplicate()).as("another user").isFalse();
        assertThat(append(room + "-b", "alice", "x", "c-1").duplicate()).as("another room").isFalse();
        assertThat(first).isEqualTo(1);
    }

    @Test
    void storesTextExactly() {
        String text = "Zoë: <b>hi</b> 😀\nsecond line \"quoted\" " + "x".repeat(4000);
        append(room, "Zoë Ångström", text, null);

        StoredMessage stored = await(store.latest(room, 1)).messages().get(0);

        assertThat(stored.text()).isEqualTo(text);
        assertThat(stored.user()).isEqualTo("Zoë Ångström");
        assertThat(stored.room()).isEqualTo(room);
    }

    @Test
    void pagesGoBackwardsAndForwardsOldestFirst() {
        for (int i = 1; i <= 10; i++) {
            append(room, "alice", "m" + i, null);
        }

        Page latest = await(store.latest(room, 3));
        assertThat(seqs(latest)).containsExactly(8L, 9L, 10L);
        assertThat(latest.hasMore()).isTrue();

        Page older = await(store.before(room, 8, 5));
        assertThat(seqs(older)).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(older.hasMore()).isTrue();
        Page oldest = await(store.before(room, 3, 5));
        assertThat(seqs(oldest)).containsExactly(1L, 2L);
        assertThat(oldest.hasMore()).isFalse();

        Page missed = await(store.after(room, 6, 3));
        assertThat(seqs(missed)).containsExactly(7L, 8L, 9L);
        assertThat(missed.hasMore()).isTrue();
        assertThat(await(store.after(room, 10, 3)).messages()).isEmpty();
    }

    @Test
    void roomsAreListedWithTheirLastSeqMostRecentFirst() {
        append(room + "-old", "alice", "a", null, Instant.parse("2026-01-01T00:00:00Z"));
        append(room + "-new", "alice", "b", null, Instant.parse("2026-06-01T00:00:00Z"));
        append(room + "-new", "alice", "c", null, Instant.parse("2026-06-02T00:00:00Z"));

        List<RoomSummary> rooms = await(store.rooms(1000)).stream().filter(r -> r.room().startsWith(room)).toList();

        assertThat(rooms).extracting(RoomSummary::room).containsExactly(room + "-new", room + "-old");
        assertThat(rooms.get(0).lastSeq()).isEqualTo(2);
        assertThat(rooms.get(0).lastActivity()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
    }

    @Test
    void whatWasAcknowledgedIsThereAfterReopening() {
        append(room, "alice", "kept", "c-kept");
        await(store.close());

        store = openStore(vertx);

        assertThat(await(store.latest(room, 10)).messages()).extracting(StoredMessage::text).containsExactly("kept");
        assertThat(append(room, "alice", "kept", "c-kept").duplicate()).isTrue();
        assertThat(append(room, "alice", "next", null).message().seq()).isEqualTo(2);
    }

    @Test
    void anEditIsARoomEventOfItsOwnAndTheMessageShowsItsCurrentText() {
        append(room, "alice", "helo", null);
        append(room, "bob", "hi", null);

        Amended edited = amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "hello", "e-1");

        assertThat(edited.outcome()).isEqualTo(Outcome.AMENDED);
        StoredMessage event = edited.event().orElseThrow();
        assertThat(event.seq()).isEqualTo(3);
        assertThat(event.kind()).isEqualTo(Kind.EDIT);
        assertThat(event.target()).isEqualTo(1);
        List<StoredMessage> rows = await(store.latest(room, 10)).messages();
        assertThat(rows).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).text()).isEqualTo("hello");
        assertThat(rows.get(0).editedAt()).hasValue(event.sentAt());
        assertThat(rows.get(1).editedAt()).isEmpty();
        assertThat(rows.get(2)).isEqualTo(event);
        assertThat(append(room, "bob", "next", null).message().seq()).as("appends go on after it").isEqualTo(4);
    }

    @Test
    void aDeletedMessageHasNoTextAnyMoreNorHaveItsEditsAndCannotBeAmendedAgain() {
        append(room, "alice", "secret", null);
        amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "still secret", null);

        Amended deleted = amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, null, "d-1");

        assertThat(deleted.outcome()).isEqualTo(Outcome.AMENDED);
        assertThat(deleted.event().orElseThrow().kind()).isEqualTo(Kind.DELETE);
        List<StoredMessage> rows = await(store.after(room, 0, 10)).messages();
        assertThat(rows).extracting(StoredMessage::kind).containsExactly(Kind.MESSAGE, Kind.EDIT, Kind.DELETE);
        assertThat(rows).extracting(StoredMessage::text).containsOnly("");
        assertThat(rows.get(0).deleted()).isTrue();
        assertThat(amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "again", null).outcome())
                .as("already deleted").isEqualTo(Outcome.NO_SUCH_MESSAGE);
        assertThat(amend(2, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "x", null).outcome())
                .as("an edit's seq").isEqualTo(Outcome.NO_SUCH_MESSAGE);
        assertThat(amend(99, "alice", Authorship.POSTED_ON_THIS_CONNECTION, null, null).outcome())
                .as("beyond the room").isEqualTo(Outcome.NO_SUCH_MESSAGE);
        assertThat(await(store.amend(new Amendment(room + "-none", 1, "alice", Authorship.ACCOUNT, Optional.empty(),
                Instant.now(), Optional.empty()))).outcome()).as("no such room").isEqualTo(Outcome.NO_SUCH_MESSAGE);
        assertThat(append(room, "alice", "next", null).message().seq()).as("refusals take no seq").isEqualTo(4);
    }

    @Test
    void onlyTheAuthorMayAmendAMessage() {
        String name = "Ada-" + room;
        append(room, name, "a guest's, before the account", null, Instant.now().minusSeconds(60));
        assertThat(await(store.accounts().create(new Account(name, "hash")))).isTrue();
        append(room, name, "the account's", null, Instant.now().plusMillis(5));
        append(room, "bob", "bob's", null);

        assertThat(amend(3, name, Authorship.ACCOUNT, "mine now", null).outcome()).as("someone else's")
                .isEqualTo(Outcome.NOT_YOURS);
        assertThat(amend(1, name, Authorship.ACCOUNT, "mine now", null).outcome())
                .as("same name, before the account existed").isEqualTo(Outcome.NOT_YOURS);
        assertThat(amend(2, name, Authorship.NOT_POSTED_ON_THIS_CONNECTION, "x", null).outcome())
                .as("a guest of that name on another connection").isEqualTo(Outcome.NOT_YOURS);
        assertThat(amend(2, "bob", Authorship.ACCOUNT, "x", null).outcome()).as("bob has no account")
                .isEqualTo(Outcome.NOT_YOURS);
        assertThat(amend(2, name, Authorship.ACCOUNT, "edited", null).outcome()).isEqualTo(Outcome.AMENDED);
        assertThat(await(store.latest(room, 10)).messages()).extracting(StoredMessage::text)
                .containsExactly("a guest's, before the account", "edited", "bob's", "edited");
    }

    @Test
    void aRetriedAmendmentIsStoredOnce() {
        append(room, "alice", "one", null);
        Amended first = amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "uno", "e-1");

        Amended retry = amend(1, "alice", Authorship.POSTED_ON_THIS_CONNECTION, "uno", "e-1");

        assertThat(retry.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(retry.event().orElseThrow().seq()).isEqualTo(first.event().orElseThrow().seq());
        assertThat(await(store.latest(room, 10)).messages()).hasSize(2);
    }

    @Test
    void amendmentsAmongConcurrentAppendsKeepTheSeqsGapFree() {
        for (int i = 0; i < 20; i++) {
            append(room, "alice", "m" + i, null);
        }
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(store.append(message(room, "bob", "b" + i, null)));
            if (i < 20) {
                writes.add(store.amend(new Amendment(room, i + 1, "alice", Authorship.POSTED_ON_THIS_CONNECTION,
                        Optional.of("edited " + i), Instant.now(), Optional.empty())));
            }
        }
        writes.forEach(MessageStoreContract::await);

        List<StoredMessage> rows = await(store.after(room, 0, 500)).messages();
        assertThat(rows).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 140).boxed().toList());
        assertThat(rows.subList(0, 20)).extracting(StoredMessage::text).allMatch(text -> text.startsWith("edited "));
    }

    @Test
    void answersPing() {
        assertThat(await(store.ping())).isTrue();
    }

    private Appended append(String room, String user, String text, String clientId) {
        return append(room, user, text, clientId, Instant.now());
    }

    private Appended append(String room, String user, String text, String clientId, Instant at) {
        return await(store.append(new NewMessage(room, user, text, at, Optional.ofNullable(clientId))));
    }

    private Amended amend(long target, String user, Authorship authorship, String newText, String clientId) {
        return await(store.amend(new Amendment(room, target, user, authorship, Optional.ofNullable(newText),
                Instant.now(), Optional.ofNullable(clientId))));
    }

    private static NewMessage message(String room, String user, String text, String clientId) {
        return new NewMessage(room, user, text, Instant.now(), Optional.ofNullable(clientId));
    }

    private static List<Long> seqs(Page page) {
        return page.messages().stream().map(StoredMessage::seq).toList();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the store did not answer: " + e, e);
        }
    }
}
