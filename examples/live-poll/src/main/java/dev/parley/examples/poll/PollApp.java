package dev.parley.examples.poll;

import dev.parley.gateway.App;
import dev.parley.gateway.RouteTable;
import dev.parley.gateway.Services;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live poll's routes: the voters' WebSocket, the results over HTTP, and a page to vote from. */
public final class PollApp implements App {

    private static final Logger log = LoggerFactory.getLogger(PollApp.class);

    private final Map<String, Poll> polls;

    public PollApp(Map<String, Poll> polls) {
        this.polls = Map.copyOf(polls);
    }

    @Override
    public void routes(RouteTable routes, Services services) {
        if (services.config().redisUrl().isEmpty()) {
            // One process, in-memory layer: the worker runs here; with Redis it runs as `runworker poll-votes`.
            LocalWorker.start(services.vertx(), services.layer(), PollWorker.CHANNEL, new PollWorker(polls))
                    .onFailure(e -> log.error("The poll worker could not start: votes will not be counted", e));
        }
        PollBoard board = new PollBoard(polls);
        board.listen(services.vertx(), services.layer())
                .onFailure(e -> log.error("The poll board could not listen: results over HTTP will be stale", e));

        routes.param("poll", Poll.ID_PATTERN)
                .websocket("/ws/poll/{poll}/", VoteConsumer.factory(polls, board))
                .get("/api/polls/{poll}", ctx -> results(ctx, board))
                .staticFiles("/", "poll-ui");
    }

    private void results(RoutingContext ctx, PollBoard board) {
        Poll poll = polls.get(ctx.pathParam("poll"));
        if (poll == null) {
            ctx.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "no such poll").encode());
            return;
        }
        ctx.response().putHeader("content-type", "application/json").end(board.results(poll).encode());
    }
}
