package dev.parley.layer;

import static dev.parley.layer.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Presence} promises on one node; each implementation's test extends this. Rooms are fixed
 * names, so {@link #createPresence} must return a presence of its own (its own key prefix).
 */
public abstract class PresenceContract {

    protected Vertx vertx;
    protected Presence presence;

    protected abstract Presence createPresence(Vertx vertx);

    @BeforeEach
    void openPresence() {
        vertx = Vertx.vertx();
        presence = createPresence(vertx);
    }

    @AfterEach
    void closePresence() throws Exception {
        if (presence != null) { // null when createPresence skipped the test (no Redis)
            await(presence.close());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anEmptyRoomHasNobody() {
        assertThat(await(presence.users("empty"))).isEmpty();
    }

    @Test
    void theFirstConnectionOfAUserIsAJoinAndUsersAreListedSorted() {
        assertThat(await(presence.enter("lobby", "carol"))).isTrue();
        assertThat(await(presence.enter("lobby", "alice"))).isTrue();

        assertThat(await(presence.users("lobby"))).containsExactly("alice", "carol");
        assertThat(await(presence.users("kitchen"))).isEmpty();
    }

    @Test
    void aUserWithTwoConnectionsIsThereOnceAndLeavesWithTheLast() {
        assertThat(await(presence.enter("lobby", "alice"))).isTrue();
        assertThat(await(presence.enter("lobby", "alice"))).as("second tab").isFalse();
        assertThat(await(presence.users("lobby"))).containsExactly("alice");

        assertThat(await(presence.leave("lobby", "alice"))).as("first tab closed").isFalse();
        assertThat(await(presence.users("lobby"))).containsExactly("alice");
        assertThat(await(presence.leave("lobby", "alice"))).as("last tab closed").isTrue();
        assertThat(await(presence.users("lobby"))).isEmpty();
    }

    @Test
    void leavingARoomOneIsNotInIsNoLeave() {
        assertThat(await(presence.leave("lobby", "nobody"))).isFalse();
    }

    @Test
    void namesWithSpacesAndAnyScriptAreKeptExactly() {
        await(presence.enter("lobby", "Zoë O'Brien"));
        await(presence.enter("lobby", "山田 太郎"));

        assertThat(await(presence.users("lobby"))).containsExactlyInAnyOrder("Zoë O'Brien", "山田 太郎");
    }
}
