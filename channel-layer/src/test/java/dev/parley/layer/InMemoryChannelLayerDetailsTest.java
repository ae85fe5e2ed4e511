package dev.parley.layer;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the in-memory layer promises: dead channels free their memory, and a stop loses no message. */
class InMemoryChannelLayerDetailsTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private Vertx vertx;
    private InMemoryChannelLayer layer;

    @BeforeEach
    void openLayer() {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx, LayerConfig.defaults().withMessageExpiry(SHORT).withGroupExpiry(SHORT));
    }

    @AfterEach
    void closeLayer() {
        await(layer.close());
        await(vertx.close());
    }

    @Test
    void sweepForgetsExpiredMessagesAndMemberships() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            String channel = await(layer.newChannel("client"));
            await(layer.send(channel, new JsonObject().put("type", "test.message")));
            await(layer.groupAdd("room-" + i, channel));
        }
        assertThat(layer.footprint()).isPositive();
        awaitFootprint(0);
    }

    @Test
    void stoppedProcessLocalChannelIsForgottenAtOnce() {
        String channel = await(layer.newChannel("client"));
        ChannelLayer.Receiver receiver = await(layer.receive(channel, new ReceivedMessages()));
        await(layer.groupAdd("room", channel));
        await(receiver.stop());
        assertThat(layer.footprint()).isZero();
    }

    @Test
    void attachedReceiverKeepsItsChannel() throws InterruptedException {
        await(layer.receive("inbox", new ReceivedMessages()));
        Thread.sleep(3 * SHORT.toMillis());
        assertThat(layer.footprint()).isEqualTo(1);
    }

    @Test
    void messageHandedToAReceiverThatStopsGoesToAnother() throws Exception {
        // Default expiry, so the message cannot expire while the event loop is held.
        InMemoryChannelLayer layer = new InMemoryChannelLayer(vertx);
        Context stoppingContext = vertx.getOrCreateContext();
        Promise<ChannelLayer.Receiver> registered = Promise.promise();
        ReceivedMessages stopping = new ReceivedMessages();
        stoppingContext.runOnContext(v -> layer.receive("work", stopping).onComplete(registered));
        ChannelLayer.Receiver receiver = await(registered.future());
        ReceivedMessages other = ReceivedMessages.from(layer, "work");

        // Hold the first receiver's event loop, so the message is handed to it but not yet handled.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stoppingContext.runOnContext(v -> {
            held.countDown();
            awaitQuietly(release);
        });
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        JsonObject message = new JsonObject().put("type", "test.message");
        await(layer.send("work", message));
        await(receiver.stop());
        release.countDown();

        assertThat(other.next()).isEqualTo(message);
        stopping.nothingWithin(Duration.ofMillis(200));
        await(layer.close());
    }

    @Test
    void defaultsAreChannelsDefaults() {
        InMemoryChannelLayer defaults = new InMemoryChannelLayer(vertx);
        // Django Channels' documented defaults, written out: comparing with LayerConfig.defaults() would pass
        // whatever those were.
        assertThat(defaults.config()).isEqualTo(new LayerConfig(100, Duration.ofSeconds(60), Duration.ofSeconds(86_400)));
        await(defaults.close());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitFootprint(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (layer.footprint() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(layer.footprint()).isEqualTo(expected);
    }
}
