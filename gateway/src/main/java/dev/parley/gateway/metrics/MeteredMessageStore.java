package dev.parley.gateway.metrics;

import dev.parley.store.Amendment;
import dev.parley.store.MessageStore;
import dev.parley.store.NewMessage;
import dev.parley.store.RoomSummary;
import io.vertx.core.Future;
import java.util.List;

/** A message store that records the latency and failures (database errors) of every operation of the one it wraps. */
public final class MeteredMessageStore implements MessageStore {

    private static final String LATENCY = "parley.store.latency";
    private static final String ERRORS = "parley.store.errors";

    private final MessageStore store;
    private final TimedOperation appends;
    private final TimedOperation amends;
    private final TimedOperation latestReads;
    private final TimedOperation beforeReads;
    private final TimedOperation afterReads;
    private final TimedOperation roomLists;
    private final TimedOperation pings;

    public MeteredMessageStore(MessageStore store, GatewayMetrics metrics) {
        this.store = store;
        appends = metrics.operation(LATENCY, ERRORS, "append");
        amends = metrics.operation(LATENCY, ERRORS, "amend");
        latestReads = metrics.operation(LATENCY, ERRORS, "latest");
        beforeReads = metrics.operation(LATENCY, ERRORS, "before");
        afterReads = metrics.operation(LATENCY, ERRORS, "after");
        roomLists = metrics.operation(LATENCY, ERRORS, "rooms");
        pings = metrics.operation(LATENCY, ERRORS, "ping");
    }

    @Override
    public Future<Appended> append(NewMessage message) {
        return appends.time(() -> store.append(message));
    }

    @Override
    public Future<Amended> amend(Amendment amendment) {
        return amends.time(() -> store.amend(amendment));
    }

    @Override
    public Future<Page> latest(String room, int limit) {
        return latestReads.time(() -> store.latest(room, limit));
    }

    @Override
    public Future<Page> before(String room, long before, int limit) {
        return beforeReads.time(() -> store.before(room, before, limit));
    }

    @Override
    public Future<Page> after(String room, long after, int limit) {
        return afterReads.time(() -> store.after(room, after, limit));
    }

    @Override
    public Future<List<RoomSummary>> rooms(int limit) {
        return roomLists.time(() -> store.rooms(limit));
    }

    @Override
    public Future<Boolean> ping() {
        return pings.time(store::ping);
    }

    @Override
    public Future<Void> close() {
        return store.close();
    }
}
