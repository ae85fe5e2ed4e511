package dev.parley.examples.poll;

import dev.parley.layer.ChannelLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest results of each poll as this gateway has seen them, for new voters and for {@code GET /api/polls/{poll}}.
 * It listens to every poll's group on a channel of its own, as a voter does, so it learns each result the worker
 * sends; at start it asks the worker for them. Read from any thread.
 */
public final class PollBoard {

    private final Map<String, Poll> polls;
    private final Map<String, JsonObject> latest = new ConcurrentHashMap<>();

    public PollBoard(Map<String, Poll> polls) {
        this.polls = Map.copyOf(polls);
    }

    /** The poll's latest results; before any has come, every option at 0. */
    public JsonObject results(Poll poll) {
        return latest.getOrDefault(poll.id(), Tally.empty(poll));
    }

    /** Takes a {@code poll.results} message as the latest of its poll. */
    public Future<Void> update(JsonObject results) {
        if (polls.containsKey(results.getString("poll"))) {
            latest.put(results.getString("poll"), results);
        }
        return Future.succeededFuture();
    }

    /**
     * Joins every poll's group on a new channel of this process, renews the memberships before the layer's group
     * expiry ends them, and asks the worker for the current results.
     */
    public Future<Void> listen(Vertx vertx, ChannelLayer layer) {
        return layer.newChannel("poll-board").compose(channel -> layer.receive(channel, this::update)
                .compose(receiving -> joinGroups(layer, channel))
                .onSuccess(joined -> vertx.setPeriodic(layer.config().groupExpiry().toMillis() / 2,
                        id -> joinGroups(layer, channel)))
                .compose(joined -> askForResults(layer)));
    }

    private Future<Void> joinGroups(ChannelLayer layer, String channel) {
        List<Future<Void>> joined = new ArrayList<>();
        polls.values().forEach(poll -> joined.add(layer.groupAdd(poll.group(), channel)));
        return Future.all(joined).mapEmpty();
    }

    private Future<Void> askForResults(ChannelLayer layer) {
        List<Future<Void>> sent = new ArrayList<>();
        polls.values().forEach(poll -> sent.add(layer.send(PollWorker.CHANNEL, PollWorker.show(poll))));
        return Future.all(sent).mapEmpty();
    }
}
