package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.store.NewMessage;
import dev.parley.store.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections of one node catching up with rows they were never sent live (docs/channel-layer.md, "When Redis goes
 * away"): told the room's latest seq, or seeing a seq jump that stays open, they read the rest from the store, each
 * row once, in both protocols, sharing the reads. Live rows are never held back for earlier ones.
 */
class ChatCatchUpTest extends ChatConsumerFixture {

    private HeldReads held;
    private HealthSwitch health;
    private OutageRecovery recovery;
    private ConsumerFactory factory;

    @BeforeEach
    void node() {
        held = new HeldReads(store);
        health = new HealthSwitch(layer);
        recovery = new OutageRecovery(vertx, health, new CatchUpReads(held));
        factory = ChatConsumer.factory(settings, presence, held, FloodControl.unlimited(), recovery);
    }

    @Test
    void tutorialClientsToldTheLatestSeqGetWhatTheyMissedInOrderOnce() throws Exception {
        WebsocketCommunicator alice = client("lobby", "alice", List.of());
        WebsocketCommunicator bob = client("lobby", "bob", List.of());
        storedElsewhere("lobby", "one", "two", "three");

        await(layer.groupSend(RoomName.group("lobby"), new LatestSeq("lobby", 3).toEvent()));

        for (WebsocketCommunicator client : List.of(alice, bob)) {
            assertThat(texts(client, 3)).containsExactly("one", "two", "three");
            client.receiveNothing();
        }
        await(layer.groupSend(RoomName.group("lobby"), new LatestSeq("lobby", 3).toEvent()));
        alice.receiveNothing();
    }

    @Test
    void whatWasPostedBeforeATutorialClientJoinedIsNotMissed() throws Exception {
        storedElsewhere("lobby", "before");
        WebsocketCommunicator alice = client("lobby", "alice", List.of());

        await(layer.groupSend(RoomName.group("lobby"), new LatestSeq("lobby", 1).toEvent()));
        alice.receiveNothing();
    }

    @Test
    void aLiveMessageAfterAGapIsSentAtOnceAndTheMissingOnesFollowFromTheStore() throws Exception {
        WebsocketCommunicator rich = client("lobby", "bob", List.of("parley.v1"));
        WebsocketCommunicator tutorial = client("lobby", "carol", List.of());
        storedElsewhere("lobby", "one", "two");
        tutorial.sendJson(new JsonObject().put("message", "three"));

        List<JsonObject> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(nextMessage(rich));
        }
        assertThat(got).extracting(m -> m.getLong("seq")).containsExactly(3L, 1L, 2L);
        assertThat(got).extracting(m -> m.getString("message")).containsExactly("three", "one", "two");
        assertThat(texts(tutorial, 3)).containsExactly("three", "one", "two");
        rich.receiveNothing();
        tutorial.receiveNothing();
    }

    @Test
    void rowsArrivingOutOfOrderAreSentAsTheyComeEachOnceWithoutReadingTheStore() throws Exception {
        WebsocketCommunicator alice = client("lobby", "alice", List.of());
        List<StoredMessage> rows = new ArrayList<>();
        for (String text : List.of("one", "two", "three")) {
            rows.add(await(store.append(new NewMessage("lobby", "zed", text, NOW, Optional.empty()))).message());
        }
        int before = held.reads();

        for (int index : new int[] {0, 2, 1, 2}) {
            await(layer.groupSend(RoomName.group("lobby"), ChatMessage.of(rows.get(index)).toEvent()));
        }

        assertThat(texts(alice, 3)).as("no row waits for an earlier one").containsExactly("one", "three", "two");
        Thread.sleep(CatchUpDelivery.HOLD.toMillis() + 200);
        alice.receiveNothing();
        assertThat(held.reads()).as("the missing row came live within the hold").isEqualTo(before);
    }

    @Test
    void aRoomOfManyConnectionsCatchingUpTogetherCostsOneRead() throws Exception {
        List<WebsocketCommunicator> room = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            room.add(client("crowd", "u" + i, List.of()));
        }
        storedElsewhere("crowd", "one", "two", "three");
        int before = held.reads();
        held.hold();

        await(layer.groupSend(RoomName.group("crowd"), new LatestSeq("crowd", 3).toEvent()));
        Thread.sleep(300); // Let every connection ask while the read is held.
        held.release();

        for (WebsocketCommunicator client : room) {
            assertThat(texts(client, 3)).containsExactly("one", "two", "three");
        }
        assertThat(held.reads() - before).isEqualTo(1);
    }

    @Test
    void roomsWithUnpublishedRowsAreAnnouncedOnceTheLayerIsHealthy() throws Exception {
        WebsocketCommunicator alice = client("lobby", "alice", List.of());
        storedElsewhere("lobby", "one", "two");
        recovery.unpublished("lobby", 2);
        health.set(false);

        recovery.check();
        alice.receiveNothing();
        assertThat(recovery.pending()).containsEntry("lobby", 2L);

        health.set(true);
        recovery.check();
        assertThat(texts(alice, 2)).containsExactly("one", "two");
        assertThat(recovery.pending()).isEmpty();
    }

    @Test
    void whenTheLayerComesBackTheNodesMembersAreToldTheLatestSeqFromTheStore() throws Exception {
        WebsocketCommunicator alice = client("lobby", "alice", List.of("parley.v1"));
        health.set(false);
        recovery.check();
        storedElsewhere("lobby", "one", "two");

        health.set(true);
        recovery.check();

        assertThat(nextMessage(alice).getString("message")).isEqualTo("one");
        assertThat(nextMessage(alice).getString("message")).isEqualTo("two");
        recovery.check();
        alice.receiveNothing();
    }

    @Test
    void aConnectionThatLeftIsNoLongerARoomOfTheNode() {
        WebsocketCommunicator alice = client("lobby", "alice", List.of());
        assertThat(recovery.rooms()).containsExactly("lobby");

        alice.disconnect();
        assertThat(recovery.rooms()).isEmpty();
    }

    private WebsocketCommunicator client(String room, String name, List<String> subprotocols) {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, health, factory,
                scope(room, name, subprotocols));
        assertThat(client.connect().accepted()).isTrue();
        if (!subprotocols.isEmpty()) {
            assertThat(client.receiveJson().getString("type")).isEqualTo("welcome");
            assertThat(client.receiveJson().getString("type")).isEqualTo("presence");
            assertThat(client.receiveJson().getString("type")).isEqualTo("history");
        }
        // Frames wait for connect() to end, so the answer to one says the consumer has read its place in the room:
        // what the test stores from now on is posted after the client joined.
        client.sendText("not json");
        assertThat(client.receiveJson(Duration.ofSeconds(5)).getString("code")).isEqualTo("invalid_json");
        clients.add(client);
        return client;
    }

    /** Rows another gateway stored and could not publish. */
    private void storedElsewhere(String room, String... texts) throws Exception {
        for (String text : texts) {
            await(store.append(new NewMessage(room, "zed", text, NOW, Optional.empty())));
        }
    }

    /** The next chat message a rich client gets, past presence and typing frames (after a gap: its hold, a read). */
    private static JsonObject nextMessage(WebsocketCommunicator client) {
        while (true) {
            JsonObject frame = client.receiveJson(Duration.ofSeconds(5));
            if ("chat.message".equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    private static List<String> texts(WebsocketCommunicator client, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(client.receiveJson(Duration.ofSeconds(5)).getString("message"));
        }
        return texts;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
