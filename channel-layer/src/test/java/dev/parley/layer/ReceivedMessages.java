package dev.parley.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A message handler that collects deliveries, so a test thread can expect them in order or expect silence. */
public final class ReceivedMessages implements ChannelLayer.MessageHandler {

    /** How long a message may take to arrive: generous, since a networked layer is slower than memory. */
    public static final Duration ARRIVES_WITHIN = Duration.ofSeconds(5);

    private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();

    /** Registers a new collector as a receiver of the channel. */
    public static ReceivedMessages from(ChannelLayer layer, String channel) {
        ReceivedMessages received = new ReceivedMessages();
        Await.await(layer.receive(channel, received));
        return received;
    }

    @Override
    public Future<Void> handle(JsonObject message) {
        messages.add(message);
        return Future.succeededFuture();
    }

    /** The next delivered message; fails the test if none arrives in time. */
    public JsonObject next() {
        JsonObject message = poll(ARRIVES_WITHIN);
        if (message == null) {
            fail("no message arrived within " + ARRIVES_WITHIN);
        }
        return message;
    }

    /** The next {@code count} delivered messages, in delivery order. */
    public List<JsonObject> next(int count) {
        List<JsonObject> received = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    /** Fails the test if a message arrives within the wait. */
    public void nothingWithin(Duration wait) {
        assertThat(poll(wait)).as("message delivered when none was expected").isNull();
    }

    /** The next delivered message if one arrives within the wait. */
    public Optional<JsonObject> within(Duration wait) {
        return Optional.ofNullable(poll(wait));
    }

    private JsonObject poll(Duration wait) {
        try {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a message", e);
        }
    }
}
