package dev.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker on the in-memory layer, run inside this process as a lone gateway runs it (LocalWorker). */
class PollWorkerTest {

    private static final Poll LUNCH = Main.POLLS.get("lunch");

    private Vertx vertx;
    private ChannelLayer layer;
    private final BlockingQueue<JsonObject> results = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
        Future<Void> listening = layer.newChannel("test").compose(channel -> layer.receive(channel, message -> {
            results.add(message);
            return Future.succeededFuture();
        }).compose(receiving -> layer.groupAdd(LUNCH.group(), channel)));
        listening.compose(v -> LocalWorker.start(vertx, layer, PollWorker.CHANNEL, new PollWorker(Main.POLLS)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void talliesOneVotePerVoterAndSendsTheResultsToThePollsGroup() throws Exception {
        layer.send(PollWorker.CHANNEL, PollWorker.vote(LUNCH, "ada", "pizza"));
        layer.send(PollWorker.CHANNEL, PollWorker.vote(LUNCH, "bo", "sushi"));
        layer.send(PollWorker.CHANNEL, PollWorker.vote(LUNCH, "ada", "sushi"));

        assertThat(next().getJsonObject("counts").getMap()).containsEntry("pizza", 1).containsEntry("sushi", 0);
        assertThat(next().getJsonObject("counts").getMap()).containsEntry("pizza", 1).containsEntry("sushi", 1);
        JsonObject last = next();
        assertThat(last.getJsonObject("counts").getMap()).containsEntry("pizza", 0).containsEntry("sushi", 2)
                .containsEntry("salad", 0);
        assertThat(last.getInteger("total")).as("ada's second vote replaced her first").isEqualTo(2);
    }

    @Test
    void aBadJobIsSkippedAndTheNextIsDone() throws Exception {
        layer.send(PollWorker.CHANNEL, PollWorker.vote(LUNCH, "ada", "haggis"));
        layer.send(PollWorker.CHANNEL, new JsonObject().put("type", "poll.unheard_of"));
        layer.send(PollWorker.CHANNEL, PollWorker.show(LUNCH));

        assertThat(next()).isEqualTo(Tally.empty(LUNCH));
    }

    private JsonObject next() throws InterruptedException {
        JsonObject message = results.poll(2, TimeUnit.SECONDS);
        assertThat(message).as("results within 2 s").isNotNull();
        return message;
    }
}
