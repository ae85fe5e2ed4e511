package dev.parley.examples.poll;

import dev.parley.consumers.CloseCodes;
import dev.parley.consumers.Connection;
import dev.parley.consumers.ConsumerFactory;
import dev.parley.consumers.JsonConsumer;
import dev.parley.layer.ChannelLayer.MessageHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One voter's connection to a poll, {@code /ws/poll/{poll}/}: on connecting it gets the poll's results; each
 * {@code {"vote": "pizza"}} it sends goes to the {@link PollWorker} as a job; and every new result of the poll, sent
 * by the worker to the poll's group, is pushed to it. A vote for an option the poll does not have gets an error.
 */
public final class VoteConsumer implements JsonConsumer {

    private final Connection connection;
    private final Optional<Poll> poll;
    private final PollBoard board;

    VoteConsumer(Connection connection, Map<String, Poll> polls, PollBoard board) {
        this.connection = connection;
        this.poll = Optional.ofNullable(polls.get(connection.scope().pathParam("poll")));
        this.board = board;
    }

    /** The factory of the route: one consumer per connection, all sharing the polls and the board. */
    public static ConsumerFactory factory(Map<String, Poll> polls, PollBoard board) {
        return connection -> new VoteConsumer(connection, polls, board);
    }

    /** Joined before {@link #connect}, left when the connection ends. */
    @Override
    public List<String> groups() {
        return poll.map(p -> List.of(p.group())).orElse(List.of());
    }

    @Override
    public Map<String, MessageHandler> eventHandlers() {
        return Map.of(PollWorker.RESULTS, connection::sendJson);
    }

    @Override
    public Future<Void> connect() {
        if (poll.isEmpty()) {
            // Closing before accepting refuses the handshake (HTTP 403).
            return connection.close(CloseCodes.POLICY_VIOLATION, "no such poll");
        }
        return connection.accept().compose(v -> connection.sendJson(board.results(poll.get())));
    }

    @Override
    public Future<Void> receiveJson(JsonObject frame) {
        String option = frame.getValue("vote") instanceof String s ? s : "";
        if (!poll.get().options().contains(option)) {
            return error("vote for one of " + poll.get().options() + ", as {\"vote\": \"" + poll.get().options().get(0)
                    + "\"}");
        }
        String voter = connection.scope().user().name();
        return connection.layer().send(PollWorker.CHANNEL, PollWorker.vote(poll.get(), voter, option))
                .recover(e -> error("the vote could not be counted; try again"));
    }

    @Override
    public Future<Void> receiveInvalidJson(String text, JsonProblem problem) {
        return error("send a JSON object, such as {\"vote\": \"" + poll.get().options().get(0) + "\"}");
    }

    private Future<Void> error(String message) {
        return connection.sendJson(new JsonObject().put("type", "error").put("message", message));
    }
}
