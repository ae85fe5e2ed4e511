package dev.parley.examples.poll;

import dev.parley.gateway.ParleyServer;
import java.util.List;
import java.util.Map;

/**
 * The live poll: with no arguments it serves the poll (http://localhost:8080/); with {@code CHAT_REDIS_URL} set,
 * {@code runworker poll-votes} runs the worker that tallies the votes, in a process beside the gateways. Without
 * Redis the gateway runs the worker itself ({@link PollApp}).
 */
public final class Main {

    /** The polls served: fixed here, to keep the example small. */
    public static final Map<String, Poll> POLLS = Map.of(
            "lunch", new Poll("lunch", "What's for lunch?", List.of("pizza", "sushi", "salad")));

    private Main() {
    }

    /** The server: the poll app, and the worker that {@code runworker poll-votes} runs. */
    public static ParleyServer server() {
        return ParleyServer.create()
                .app(new PollApp(POLLS))
                .worker(PollWorker.CHANNEL, () -> new PollWorker(POLLS));
    }

    public static void main(String[] args) {
        server().run(args);
    }
}
