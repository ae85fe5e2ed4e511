package dev.parley.layer;

import static dev.parley.layer.Await.await;
import static dev.parley.layer.Await.failureOf;
import static dev.parley.layer.Await.failuresOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.layer.ChannelLayer.Receiver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelLayer} promises, written once: each implementation's test extends this class.
 *
 * <p>It tests only what the {@code ChannelLayer} javadoc states, through Futures and timeouts, so that a
 * networked layer passes it too. Tests use fixed channel and group names: {@link #createLayer} must return a
 * layer isolated from every other one it created (a Redis layer, say, with a unique key prefix).
 */
public abstract class ChannelLayerContract {

    /** Long enough for a stray message to show up in any implementation; used only to expect silence. */
    protected static final Duration SILENCE = Duration.ofMillis(200);

    protected Vertx vertx;
    protected ChannelLayer layer;
    private final List<ChannelLayer> created = new ArrayList<>();

    /** A new, empty layer with this configuration. */
    protected abstract ChannelLayer createLayer(Vertx vertx, LayerConfig config);

    @BeforeEach
    void openLayer() {
        vertx = Vertx.vertx();
        layer = layer(LayerConfig.defaults());
    }

    @AfterEach
    void closeLayers() {
        created.forEach(each -> await(each.close()));
        await(vertx.close());
    }

    @Test
    void newChannelNamesAreValidProcessLocalAndUnique() {
        List<String> names = IntStream.range(0, 100).mapToObj(i -> await(layer.newChannel("client"))).toList();
        assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> {
            assertThat(name).startsWith("client");
            assertThat(LayerNames.isValidChannel(name) && LayerNames.isProcessLocal(name)).as(name).isTrue();
        });
    }

    @Test
    void invalidNamesFailWithInvalidName() {
        String tooLong = "a".repeat(LayerNames.MAX_LENGTH);
        for (String bad : List.of("", tooLong, "with space", "hash#tag", "two!bang!s")) {
            assertThat(failuresOf(layer.send(bad, message(1)), layer.receive(bad, new ReceivedMessages()),
                    layer.groupAdd("room", bad), layer.groupDiscard("room", bad)))
                    .as("channel '%s'", bad).hasOnlyElementsOfType(InvalidName.class);
        }
        for (String bad : List.of("", tooLong, "with space", "hash#tag", "bang!")) {
            assertThat(failuresOf(layer.groupAdd(bad, "inbox"), layer.groupDiscard(bad, "inbox"),
                    layer.groupSend(bad, message(1)), layer.newChannel(bad)))
                    .as("group or prefix '%s'", bad).hasOnlyElementsOfType(InvalidName.class);
        }
        // Valid as a group name, but prefix + "!" would leave no room for the unique part.
        assertThat(failureOf(layer.newChannel("p".repeat(LayerNames.MAX_LENGTH - 2)))).isInstanceOf(InvalidName.class);
    }

    @Test
    void messagesWithoutStringTypeFailWithInvalidMessage() {
        List<JsonObject> invalid = List.of(new JsonObject(), new JsonObject().put("type", ""),
                new JsonObject().put("type", 7), new JsonObject().put("text", "hello"));
        for (JsonObject bad : invalid) {
            assertThat(failuresOf(layer.send("inbox", bad), layer.groupSend("room", bad)))
                    .as("message %s", bad).hasOnlyElementsOfType(InvalidMessage.class);
        }
        assertThat(failureOf(layer.send("inbox", null))).isInstanceOf(InvalidMessage.class);
    }

    @Test
    void messageReachesAReceiverRegisteredAfterOrBeforeTheSend() {
        await(layer.send("queued", message(1)));
        assertThat(ReceivedMessages.from(layer, "queued").next()).isEqualTo(message(1));

        ReceivedMessages waiting = ReceivedMessages.from(layer, "waiting");
        await(layer.send("waiting", message(2)));
        assertThat(waiting.next()).isEqualTo(message(2));
    }

    @Test
    void messagesArriveInTheOrderSent() {
        IntStream.range(0, 100).forEach(n -> await(layer.send("inbox", message(n))));
        assertThat(numbers(ReceivedMessages.from(layer, "inbox").next(100))).containsExactlyElementsOf(range(0, 100));
    }

    @Test
    void fullChannelRefusesSendsUntilReceived() {
        ChannelLayer small = layer(LayerConfig.defaults().withCapacity(3));
        IntStream.range(0, 3).forEach(n -> await(small.send("inbox", message(n))));
        assertThat(failureOf(small.send("inbox", message(3)))).isInstanceOf(ChannelFull.class);

        ReceivedMessages received = ReceivedMessages.from(small, "inbox");
        assertThat(numbers(received.next(3))).containsExactly(0, 1, 2);
        IntStream.range(4, 7).forEach(n -> await(small.send("inbox", message(n))));
        assertThat(numbers(received.next(3))).containsExactly(4, 5, 6);
    }

    @Test
    void expiredMessageIsNotDeliveredAndFreesCapacity() throws InterruptedException {
        ChannelLayer brief = layer(LayerConfig.defaults().withCapacity(1).withMessageExpiry(Duration.ofMillis(300)));
        await(brief.send("inbox", message(1)));
        Thread.sleep(800);
        await(brief.send("inbox", message(2)));
        ReceivedMessages received = ReceivedMessages.from(brief, "inbox");
        assertThat(received.next()).isEqualTo(message(2));
        received.nothingWithin(SILENCE);
    }

    @Test
    void nextMessageWaitsUntilTheHandlerFinishes() {
        ReceivedMessages received = new ReceivedMessages();
        BlockingQueue<Promise<Void>> unfinished = new LinkedBlockingQueue<>();
        await(layer.receive("inbox", message -> {
            Promise<Void> done = Promise.promise();
            unfinished.add(done);
            received.handle(message);
            return done.future();
        }));
        await(layer.send("inbox", message(1)));
        await(layer.send("inbox", message(2)));
        assertThat(received.next()).isEqualTo(message(1));
        received.nothingWithin(SILENCE);
        unfinished.remove().complete();
        assertThat(received.next()).isEqualTo(message(2));
    }

    @Test
    void failedOrThrowingHandlerStillGetsTheNextMessage() {
        ReceivedMessages received = new ReceivedMessages();
        await(layer.receive("inbox", message -> {
            received.handle(message);
            switch (message.getInteger("n")) {
                case 1: return Future.failedFuture(new IllegalStateException("handler failed on purpose"));
                case 2: throw new IllegalStateException("handler threw on purpose");
                default: return Future.succeededFuture();
            }
        }));
        IntStream.rangeClosed(1, 3).forEach(n -> await(layer.send("inbox", message(n))));
        assertThat(numbers(received.next(3))).containsExactly(1, 2, 3);
    }

    @Test
    void groupSendReachesEveryMemberOnceAndNobodyElse() {
        ReceivedMessages first = ReceivedMessages.from(layer, "first");
        ReceivedMessages second = ReceivedMessages.from(layer, "second");
        ReceivedMessages outsider = ReceivedMessages.from(layer, "outsider");
        await(layer.groupAdd("room", "first"));
        await(layer.groupAdd("room", "second"));
        await(layer.groupAdd("room", "first"));

        await(layer.groupSend("room", message(1)));
        assertThat(first.next()).isEqualTo(message(1));
        assertThat(second.next()).isEqualTo(message(1));
        first.nothingWithin(SILENCE);
        second.nothingWithin(Duration.ZERO);
        outsider.nothingWithin(Duration.ZERO);
    }

    @Test
    void discardedChannelNoLongerGetsGroupMessages() {
        ReceivedMessages kept = ReceivedMessages.from(layer, "kept");
        ReceivedMessages discarded = ReceivedMessages.from(layer, "discarded");
        await(layer.groupAdd("room", "kept"));
        await(layer.groupAdd("room", "discarded"));
        await(layer.groupDiscard("room", "discarded"));
        await(layer.groupDiscard("room", "discarded"));
        await(layer.groupDiscard("no-such-group", "kept"));

        await(layer.groupSend("room", message(1)));
        assertThat(kept.next()).isEqualTo(message(1));
        discarded.nothingWithin(SILENCE);
    }

    @Test
    void groupSendSucceedsWhenOneMemberIsFull() {
        ChannelLayer small = layer(LayerConfig.defaults().withCapacity(1));
        await(small.send("full", message(0)));
        ReceivedMessages open = ReceivedMessages.from(small, "open");
        await(small.groupAdd("room", "full"));
        await(small.groupAdd("room", "open"));

        long droppedBefore = small.droppedMessages();
        await(small.groupSend("room", message(1)));
        assertThat(open.next()).isEqualTo(message(1));
        assertThat(small.droppedMessages()).as("the full member's copy is counted as dropped")
                .isEqualTo(droppedBefore + 1);
        ReceivedMessages full = ReceivedMessages.from(small, "full");
        assertThat(full.next()).isEqualTo(message(0));
        full.nothingWithin(SILENCE);
    }

    @Test
    void groupMembershipExpiresUnlessRefreshed() throws InterruptedException {
        ChannelLayer brief = layer(LayerConfig.defaults().withGroupExpiry(Duration.ofMillis(1000)));
        ReceivedMessages stale = ReceivedMessages.from(brief, "stale");
        ReceivedMessages refreshed = ReceivedMessages.from(brief, "refreshed");
        await(brief.groupAdd("room", "stale"));
        await(brief.groupAdd("room", "refreshed"));
        Thread.sleep(600);
        await(brief.groupAdd("room", "refreshed"));
        Thread.sleep(600);

        await(brief.groupSend("room", message(1)));
        assertThat(refreshed.next()).isEqualTo(message(1));
        stale.nothingWithin(SILENCE);
    }

    @Test
    void receiversOfOneChannelShareItsMessages() {
        ReceivedMessages received = new ReceivedMessages();
        await(layer.receive("work", received));
        await(layer.receive("work", received));
        IntStream.range(0, 50).forEach(n -> await(layer.send("work", message(n))));
        assertThat(numbers(received.next(50))).containsExactlyInAnyOrderElementsOf(range(0, 50));
        received.nothingWithin(SILENCE);
    }

    @Test
    void stoppedReceiverGetsNothingMore() {
        ReceivedMessages stopped = new ReceivedMessages();
        Receiver receiver = await(layer.receive("inbox", stopped));
        await(layer.send("inbox", message(1)));
        assertThat(stopped.next()).isEqualTo(message(1));
        await(receiver.stop());

        await(layer.send("inbox", message(2)));
        stopped.nothingWithin(SILENCE);
        assertThat(ReceivedMessages.from(layer, "inbox").next()).isEqualTo(message(2));
    }

    @Test
    void stoppingAProcessLocalReceiverDiscardsItsChannel() {
        String gone = await(layer.newChannel("client"));
        String stays = await(layer.newChannel("client"));
        Receiver receiver = await(layer.receive(gone, message -> Promise.<Void>promise().future()));
        ReceivedMessages staying = ReceivedMessages.from(layer, stays);
        await(layer.groupAdd("room", gone));
        await(layer.groupAdd("room", stays));
        await(layer.send(gone, message(0)));
        await(layer.send(gone, message(1)));
        await(receiver.stop());

        await(layer.groupSend("room", message(2)));
        assertThat(staying.next()).isEqualTo(message(2));
        ReceivedMessages.from(layer, gone).nothingWithin(SILENCE);
    }

    @Test
    void flushDropsQueuedMessagesAndGroupsButKeepsReceivers() {
        await(layer.send("inbox", message(1)));
        ReceivedMessages member = ReceivedMessages.from(layer, "member");
        await(layer.groupAdd("room", "member"));
        await(layer.flush());

        await(layer.groupSend("room", message(2)));
        member.nothingWithin(SILENCE);
        ReceivedMessages.from(layer, "inbox").nothingWithin(SILENCE);
        await(layer.send("member", message(3)));
        assertThat(member.next()).isEqualTo(message(3));
    }

    @Test
    void closedLayerRefusesEveryOperation() {
        await(layer.close());
        assertThat(failuresOf(layer.newChannel("client"), layer.send("inbox", message(1)),
                layer.receive("inbox", new ReceivedMessages()), layer.groupAdd("room", "inbox"),
                layer.groupDiscard("room", "inbox"), layer.groupSend("room", message(1)), layer.flush()))
                .hasOnlyElementsOfType(LayerClosed.class);
        await(layer.close());
    }

    @Test
    void handlerRunsOnTheContextThatCalledReceive() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> handledOn = new CompletableFuture<>();
        Promise<Receiver> registered = Promise.promise();
        context.runOnContext(v -> layer.receive("inbox", message -> {
            handledOn.complete(Vertx.currentContext());
            return Future.succeededFuture();
        }).onComplete(registered));
        await(registered.future());

        await(layer.send("inbox", message(1)));
        assertThat(handledOn.get(5, TimeUnit.SECONDS)).isSameAs(context);
    }

    @Test
    void deliveriesAreReadOnlySoNoReceiverOrSenderChangesWhatOthersGet() {
        ReceivedMessages first = ReceivedMessages.from(layer, "first");
        ReceivedMessages second = ReceivedMessages.from(layer, "second");
        await(layer.groupAdd("room", "first"));
        await(layer.groupAdd("room", "second"));
        JsonObject sent = message(1).put("nested", new JsonObject().put("text", "hello"))
                .put("list", new JsonArray().add(new JsonObject().put("n", 1)));
        JsonObject original = sent.copy();
        await(layer.groupSend("room", sent));
        sent.getJsonObject("nested").put("text", "changed by the sender after sending");

        JsonObject got = first.next();
        assertThatThrownBy(() -> got.put("type", "changed")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.getJsonObject("nested").put("text", "changed"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.getJsonArray("list").getJsonObject(0).put("n", 2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> got.getJsonArray("list").add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(got.copy().put("type", "a copy may change")).as("a copy of a delivery").isNotEqualTo(got);
        assertThat(got).isNotSameAs(sent).isEqualTo(original);
        assertThat(second.next()).isEqualTo(original);
    }

    @Test
    void aMessageHoldingNonJsonValuesIsRefused() {
        JsonObject odd = message(1).put("when", java.time.Instant.EPOCH);
        assertThat(failureOf(layer.send("inbox", odd))).isInstanceOf(InvalidMessage.class);
        assertThat(failureOf(layer.groupSend("room", odd))).isInstanceOf(InvalidMessage.class);
    }

    /** A layer closed after the test along with the default one. */
    protected ChannelLayer layer(LayerConfig config) {
        ChannelLayer created = createLayer(vertx, config);
        this.created.add(created);
        return created;
    }

    private static JsonObject message(int n) {
        return new JsonObject().put("type", "test.message").put("n", n);
    }

    private static List<Integer> numbers(List<JsonObject> messages) {
        return messages.stream().map(message -> message.getInteger("n")).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
