package dev.parley.gateway;

import dev.parley.accounts.AccountStore;
import dev.parley.accounts.JoinedRooms;
import dev.parley.consumers.BlockingPool;
import dev.parley.gateway.auth.Identity;
import dev.parley.gateway.auth.OriginPolicy;
import dev.parley.gateway.auth.SessionTokens;
import dev.parley.gateway.metrics.GatewayMetrics;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.Presence;
import dev.parley.layer.WindowCounter;
import dev.parley.store.MessageStore;
import io.vertx.core.Vertx;

/**
 * What a server has opened for its apps as it starts: the channel layer, presence, the message store, the
 * accounts and the threads for blocking code, with the settings they were opened with. The server closes them all when it stops.
 */
public final class Services {

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ChannelLayer layer;
    private final Presence presence;
    private final MessageStore store;
    private final AccountStore accounts;
    private final JoinedRooms joinedRooms;
    private final BlockingPool blocking;
    private final GatewayMetrics metrics;
    private final SessionTokens sessions;
    private final Identity identity;
    private final OriginPolicy origins;
    private final WindowCounter sharedCounter;

    Services(Vertx vertx, GatewayConfig config, ChannelLayer layer, Presence presence, MessageStore store,
             AccountStore accounts, JoinedRooms joinedRooms, BlockingPool blocking, GatewayMetrics metrics, SessionTokens sessions, Identity identity,
             OriginPolicy origins, WindowCounter sharedCounter) {
        this.vertx = vertx;
        this.config = config;
        this.layer = layer;
        this.presence = presence;
        this.store = store;
        this.accounts = accounts;
        this.joinedRooms = joinedRooms;
        this.blocking = blocking;
        this.metrics = metrics;
        this.sessions = sessions;
        this.identity = identity;
        this.origins = origins;
        this.sharedCounter = sharedCounter;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The server's settings ({@code CHAT_*}). */
    public GatewayConfig config() {
        return config;
    }

    /** The channel layer: in memory, or on Redis when {@code CHAT_REDIS_URL} is set. */
    public ChannelLayer layer() {
        return layer;
    }

    /** Who is in which room, on every gateway sharing the layer. */
    public Presence presence() {
        return presence;
    }

    /** The chat history: embedded, or on Postgres when {@code CHAT_DATABASE_URL} is set. */
    public MessageStore store() {
        return store;
    }

    /** The accounts users sign in with. */
    public AccountStore accounts() {
        return accounts;
    }

    /** The rooms each signed-in user joined, kept with the accounts. */
    public JoinedRooms joinedRooms() {
        return joinedRooms;
    }

    /**
     * The threads blocking code runs on, off the event loops: {@code BlockingConsumer.factory(services.blocking(),
     * ...)}, or {@code connection.tasks().blocking(services.blocking(), ...)} from an async consumer. Up to
     * {@code CHAT_BLOCKING_THREADS} (512) threads, made as work comes and ended after a minute idle; more work waits
     * its turn.
     */
    public BlockingPool blocking() {
        return blocking;
    }

    // The chat app's sign-in API needs these too. They are the server's internals (their types may change), not a
    // stable API for other apps.

    /** The server's metrics, on the management port's {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The signer of session cookies ({@code CHAT_SESSION_SECRET}). */
    public SessionTokens sessions() {
        return sessions;
    }

    /** Who a cookie (or a guest's asked-for name) stands for, as the {@code SessionAuth} middleware asks it. */
    public Identity identity() {
        return identity;
    }

    /** Which pages may call this server ({@code CHAT_ALLOWED_ORIGINS}), as the {@code OriginCheck} middleware asks. */
    public OriginPolicy origins() {
        return origins;
    }

    /** A sliding-window counter shared by every gateway on the layer (Redis), for limits that span gateways. */
    public WindowCounter sharedCounter() {
        return sharedCounter;
    }
}
