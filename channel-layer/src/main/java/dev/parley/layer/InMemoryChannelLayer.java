package dev.parley.layer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;

/** A channel layer within one process: channels and groups live in memory, so it serves a single node. */
public final class InMemoryChannelLayer implements ChannelLayer {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int UNIQUE_LENGTH = 12;
    private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofSeconds(10);
    // Longer expiries are cut to ~73 years so that nanoTime arithmetic cannot overflow.
    private static final long LONGEST_EXPIRY_NANOS = Long.MAX_VALUE / 4;

    private final Vertx vertx;
    private final LayerConfig config;
    private final LocalChannels channels;
    // Channel names are capabilities (whoever knows one can send to it), so they must not be guessable.
    private final SecureRandom random = new SecureRandom();
    private final long sweepTimer;
    // Read before validating, so that a closed layer answers LayerClosed whatever it is asked.
    private volatile boolean closed;

    public InMemoryChannelLayer(Vertx vertx) {
        this(vertx, LayerConfig.defaults());
    }

    public InMemoryChannelLayer(Vertx vertx, LayerConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.channels = new LocalChannels(
                config.capacity(), nanos(config.messageExpiry()), nanos(config.groupExpiry()));
        Duration period = config.messageExpiry().compareTo(LONGEST_SWEEP_PERIOD) < 0
                ? config.messageExpiry() : LONGEST_SWEEP_PERIOD;
        this.sweepTimer = vertx.setPeriodic(Math.max(1, period.toMillis()), id -> channels.sweep());
    }

    @Override
    public LayerConfig config() {
        return config;
    }

    @Override
    public Future<String> newChannel(String prefix) {
        return guarded(() -> {
            if (!LayerNames.isValidPrefix(prefix)) {
                throw new InvalidName("prefix", prefix);
            }
            StringBuilder channel = new StringBuilder(prefix).append('!');
            for (int i = 0; i < UNIQUE_LENGTH; i++) {
                channel.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (!LayerNames.isValidChannel(channel.toString())) {
                // A valid prefix may still leave no room for the unique part under the length limit.
                throw new InvalidName("prefix", prefix);
            }
            return Future.succeededFuture(channel.toString());
        });
    }

    @Override
    public Future<Void> send(String channel, JsonObject message) {
        return guarded(() -> {
            LayerNames.requireChannel(channel);
            LocalChannels.start(channels.send(channel, LayerMessages.frozen(message)));
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Receiver> receive(String channel, MessageHandler handler) {
        return guarded(() -> {
            LayerNames.requireChannel(channel);
            if (handler == null) {
                return Future.failedFuture(new IllegalArgumentException("a receiver needs a handler"));
            }
            LocalReceiver receiver = new LocalReceiver(channels, channel, vertx.getOrCreateContext(), handler);
            LocalChannels.start(channels.attach(receiver));
            return Future.succeededFuture(receiver);
        });
    }

    @Override
    public Future<Void> groupAdd(String group, String channel) {
        return guarded(() -> {
            LayerNames.requireGroup(group);
            LayerNames.requireChannel(channel);
            channels.groupAdd(group, channel);
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> groupDiscard(String group, String channel) {
        return guarded(() -> {
            LayerNames.requireGroup(group);
            LayerNames.requireChannel(channel);
            channels.groupDiscard(group, channel);
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> groupSend(String group, JsonObject message) {
        return guarded(() -> {
            LayerNames.requireGroup(group);
            deliverToGroup(group, LayerMessages.frozen(message));
            return Future.succeededFuture();
        });
    }

    @Override
    public long droppedMessages() {
        return channels.dropped();
    }

    @Override
    public Future<Void> flush() {
        return guarded(() -> {
            channels.flush();
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<Void> close() {
        closed = true;
        if (channels.close()) {
            vertx.cancelTimer(sweepTimer);
        }
        return Future.succeededFuture();
    }

    /**
     * Delivers a message already {@link LayerMessages#frozen frozen} to every local member of the group: for a
     * networked layer, which has validated and frozen it once (or decoded it from another node).
     */
    public void deliverToGroup(String group, JsonObject frozen) {
        if (closed) {
            return;
        }
        LocalChannels.startAll(channels.sendEach(group, frozen));
    }

    /** Whether some channel is a live member of the group: a networked layer listens for a group only while so. */
    public boolean hasMembers(String group) {
        return !closed && !channels.groupMembers(group).isEmpty();
    }

    /** Channels and groups held in memory, so tests can see the sweep free them. */
    int footprint() {
        return channels.footprint();
    }

    /** Runs an operation on an open layer, turning the failures it throws into a failed Future. */
    private <T> Future<T> guarded(Supplier<Future<T>> operation) {
        try {
            if (closed) {
                throw new LayerClosed();
            }
            return operation.get();
        } catch (LayerException e) {
            return Future.failedFuture(e);
        }
    }

    private static long nanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(LONGEST_EXPIRY_NANOS)) > 0
                ? LONGEST_EXPIRY_NANOS : duration.toNanos();
    }
}
