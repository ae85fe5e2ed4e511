package dev.parley.examples.poll;

import dev.parley.gateway.worker.Worker;
import dev.parley.gateway.worker.WorkerContext;
import dev.parley.gateway.worker.WorkerHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Tallies the votes sent to the channel {@value #CHANNEL} and sends each poll's new results to the poll's group, so
 * that every voter connected to any gateway sees them. The tally lives in this worker's memory: run one worker process
 * for the channel (a tally in a database would allow several).
 *
 * <p>Jobs: {@code poll.vote} ({@code poll}, {@code voter}, {@code option}) records a vote and sends the results;
 * {@code poll.show} ({@code poll}) only sends them, for a gateway that has just started.
 */
public final class PollWorker implements Worker {

    /** The named channel the consumers send votes to. */
    public static final String CHANNEL = "poll-votes";
    public static final String VOTE = "poll.vote";
    public static final String SHOW = "poll.show";
    /** The type of the results message sent to a poll's group, and on to its voters. */
    public static final String RESULTS = "poll.results";

    private final Map<String, Poll> polls;
    private final Tally tally = new Tally();

    public PollWorker(Map<String, Poll> polls) {
        this.polls = Map.copyOf(polls);
    }

    @Override
    public Map<String, WorkerHandler> eventHandlers() {
        return Map.of(VOTE, this::vote, SHOW, this::show);
    }

    /** A vote job, as a consumer sends it. */
    public static JsonObject vote(Poll poll, String voter, String option) {
        return new JsonObject().put("type", VOTE).put("poll", poll.id()).put("voter", voter).put("option", option);
    }

    /** A job asking for a poll's results. */
    public static JsonObject show(Poll poll) {
        return new JsonObject().put("type", SHOW).put("poll", poll.id());
    }

    private Future<Void> vote(JsonObject job, WorkerContext context) {
        Poll poll = polls.get(job.getString("poll"));
        String option = job.getString("option");
        if (poll == null || !poll.options().contains(option)) {
            // The consumer checked; a job that still names no option is not this worker's to guess at.
            return Future.failedFuture(new IllegalArgumentException("no option '" + option + "' in poll " + poll));
        }
        tally.vote(poll, job.getString("voter"), option);
        return context.layer().groupSend(poll.group(), tally.results(poll));
    }

    private Future<Void> show(JsonObject job, WorkerContext context) {
        Poll poll = polls.get(job.getString("poll"));
        return poll == null ? Future.succeededFuture() : context.layer().groupSend(poll.group(), tally.results(poll));
    }
}
