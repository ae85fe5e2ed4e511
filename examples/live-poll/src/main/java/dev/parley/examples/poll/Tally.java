package dev.parley.examples.poll;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The votes of the polls, one per voter: a voter who votes again changes their vote. Kept in memory by the worker that
 * owns it; not for concurrent use (a worker handles one job at a time).
 */
final class Tally {

    private final Map<String, Map<String, String>> votesByPoll = new HashMap<>();

    /** Records a voter's choice, replacing their earlier one. */
    void vote(Poll poll, String voter, String option) {
        votesByPoll.computeIfAbsent(poll.id(), id -> new HashMap<>()).put(voter, option);
    }

    /** The {@code poll.results} message of a poll: every option's count, in the poll's order, and the total. */
    JsonObject results(Poll poll) {
        Map<String, String> votes = votesByPoll.getOrDefault(poll.id(), Map.of());
        JsonObject counts = new JsonObject();
        poll.options().forEach(option -> counts.put(option, 0));
        votes.values().forEach(option -> counts.put(option, counts.getInteger(option) + 1));
        return results(poll, counts, votes.size());
    }

    /** The results of a poll nobody has voted in. */
    static JsonObject empty(Poll poll) {
        return new Tally().results(poll);
    }

    private static JsonObject results(Poll poll, JsonObject counts, int total) {
        return new JsonObject()
                .put("type", PollWorker.RESULTS)
                .put("poll", poll.id())
                .put("question", poll.question())
                .put("counts", counts)
                .put("total", total);
    }
}
