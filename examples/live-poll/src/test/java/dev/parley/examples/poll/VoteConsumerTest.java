package dev.parley.examples.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The voter's consumer alone, through WebsocketCommunicator; the test stands in for the worker. */
class VoteConsumerTest {

    private static final Poll LUNCH = Main.POLLS.get("lunch");

    private Vertx vertx;
    private ChannelLayer layer;
    private PollBoard board;
    private final BlockingQueue<JsonObject> jobs = new LinkedBlockingQueue<>();

    @BeforeEach
    void layer() throws Exception {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
        board = new PollBoard(Main.POLLS);
        layer.receive(PollWorker.CHANNEL, job -> {
            jobs.add(job);
            return io.vertx.core.Future.succeededFuture();
        }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    private WebsocketCommunicator voter(String name, String poll) {
        Scope scope = Scope.of("/ws/poll/" + poll + "/", Map.of("poll", poll), User.guest(name));
        return new WebsocketCommunicator(vertx, layer, VoteConsumer.factory(Main.POLLS, board), scope);
    }

    @Test
    void aNewVoterGetsTheLatestResults() {
        JsonObject latest = Tally.empty(LUNCH).put("total", 3);
        board.update(latest);

        WebsocketCommunicator ada = voter("ada", "lunch");
        assertThat(ada.connect().accepted()).isTrue();

        assertThat(ada.receiveJson()).isEqualTo(latest);
        ada.disconnect();
    }

    @Test
    void aVoteGoesToTheWorkerAsAJobWithTheVotersName() throws Exception {
        WebsocketCommunicator ada = voter("ada", "lunch");
        ada.connect();
        ada.receiveJson();

        ada.sendJson(new JsonObject().put("vote", "sushi"));

        assertThat(jobs.poll(1, TimeUnit.SECONDS)).isEqualTo(PollWorker.vote(LUNCH, "ada", "sushi"));
        ada.receiveNothing();
        ada.disconnect();
    }

    @Test
    void resultsSentToThePollsGroupReachEveryVoter() {
        WebsocketCommunicator ada = voter("ada", "lunch");
        WebsocketCommunicator bo = voter("bo", "lunch");
        ada.connect();
        bo.connect();
        ada.receiveJson();
        bo.receiveJson();

        JsonObject results = Tally.empty(LUNCH).put("total", 1);
        layer.groupSend(LUNCH.group(), results);

        assertThat(ada.receiveJson()).isEqualTo(results);
        assertThat(bo.receiveJson()).isEqualTo(results);
        ada.disconnect();
        bo.disconnect();
    }

    @Test
    void aVoteForNoOptionOfThePollGetsAnErrorAndNoJob() {
        WebsocketCommunicator ada = voter("ada", "lunch");
        ada.connect();
        ada.receiveJson();

        ada.sendJson(new JsonObject().put("vote", "haggis"));
        assertThat(ada.receiveJson().getString("message")).contains("pizza", "sushi", "salad");
        ada.sendText("pizza");
        assertThat(ada.receiveJson().getString("type")).isEqualTo("error");

        assertThat(jobs).isEmpty();
        ada.disconnect();
    }

    @Test
    void aPollThatDoesNotExistIsRefused() {
        WebsocketCommunicator.Handshake handshake = voter("ada", "dinner").connect();

        assertThat(handshake.accepted()).isFalse();
        assertThat(handshake.httpStatus()).isEqualTo(403);
    }
}
