package dev.parley.layer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * How consumers talk to each other: Django Channels' channel-layer specification, with Vert.x Futures.
 *
 * <p>A <em>channel</em> is a named mailbox; a <em>group</em> is a named set of channels. Messages are JSON
 * objects with a string {@code type}. Channels whose name contains {@code !} are process-local: only the
 * node that created them with {@link #newChannel} receives from them. Every failure travels as a failed
 * Future carrying a {@link LayerException}. Every implementation passes the same contract suite
 * ({@code ChannelLayerContract} in this module's test-jar).
 */
public interface ChannelLayer {

    /** The capacity and expiry settings this layer enforces. */
    LayerConfig config();

    /**
     * Creates a new process-local channel name: the prefix, what the layer needs to route it (a networked layer
     * adds the node), then {@code !} and something unique. Only this node receives from it. Fails
     * with {@link InvalidName} if the prefix is invalid or so long that the name would not fit the naming rules.
     */
    Future<String> newChannel(String prefix);

    /**
     * Queues a message on a channel, in FIFO order behind earlier ones. Fails with {@link ChannelFull} when the
     * channel already holds {@link LayerConfig#capacity()} undelivered messages. Undelivered messages expire
     * after {@link LayerConfig#messageExpiry()}.
     */
    Future<Void> send(String channel, JsonObject message);

    /**
     * Delivers the channel's messages to the handler in order, one at a time: the next message is delivered
     * once the Future returned for the previous one completes (whether it succeeded or failed). The handler
     * runs on the Vert.x context that called this method. Several receivers of one channel share its messages:
     * each message goes to exactly one of them. Messages are read-only ({@link LayerMessages#frozen}): every
     * member of a group receives the same object, which no handler can change; a handler copies
     * ({@link JsonObject#copy()}) what it wants to change.
     */
    Future<Receiver> receive(String channel, MessageHandler handler);

    /** Adds a channel to a group (creating it), or refreshes its membership, for {@link LayerConfig#groupExpiry()}. */
    Future<Void> groupAdd(String group, String channel);

    /** Removes a channel from a group; succeeds if it was not a member. */
    Future<Void> groupDiscard(String group, String channel);

    /**
     * Sends a message to every channel in the group; never fails because one member is full (that member misses it).
     * A networked layer delivers to this node's own members first: when it then fails with {@link LayerUnavailable},
     * those members have the message all the same (the chat relies on it while Redis is away).
     */
    Future<Void> groupSend(String group, JsonObject message);

    /** Drops every queued message and every group; receivers stay attached. For tests and resets. */
    Future<Void> flush();

    /**
     * How many group messages this node has not delivered since it started because the member's channel was full
     * (Channels drops them too). A growing count means consumers that do not keep up.
     */
    default long droppedMessages() {
        return 0;
    }

    /**
     * Whether the layer can deliver now: a networked layer is healthy while its backend answers and its
     * subscriptions deliver. A layer in memory always can.
     */
    default boolean isHealthy() {
        return true;
    }

    /** Stops every receiver and releases resources; afterwards every operation fails with {@link LayerClosed}. */
    Future<Void> close();

    /** Handles one delivered message; the Future says when the receiver is ready for the next. */
    @FunctionalInterface
    interface MessageHandler {
        Future<Void> handle(JsonObject message);
    }

    /** A running receiver of one channel, from {@link #receive}. */
    interface Receiver {
        /**
         * Stops deliveries to this receiver. Stopping the receiver of a process-local channel also discards the
         * channel: its queued messages are dropped and it leaves every group, since nothing else can read it.
         */
        Future<Void> stop();
    }
}
