package dev.parley.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.consumers.testing.WebsocketCommunicator.Handshake;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.ChannelLayer.MessageHandler;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a consumer is run: handshake, order of events, failures, flow control, groups. */
class ConsumerSessionTest {

    private Vertx vertx;
    private ChannelLayer layer;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        layer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aConsumerThatDoesNothingIsAcceptedWithoutSubprotocol() {
        WebsocketCommunicator client = communicator(c -> new Consumer() { }, List.of("parley.v1"));

        Handshake handshake = client.connect();

        assertThat(handshake.accepted()).isTrue();
        assertThat(handshake.subprotocol()).isEmpty();
    }

    @Test
    void closingInConnectRefusesTheHandshakeWith403AndStillRunsDisconnect() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                return c.close(CloseCodes.POLICY_VIOLATION, "go away");
            }

            @Override
            public Future<Void> disconnect(int code) {
                log.add("disconnect " + code);
                return Future.succeededFuture();
            }
        }, List.of());

        Handshake handshake = client.connect();

        assertThat(handshake.accepted()).isFalse();
        assertThat(handshake.httpStatus()).isEqualTo(403);
        awaitLog("disconnect 1006");
    }

    @Test
    void aConnectThatFailsRefusesWith500() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                throw new IllegalStateException("boom");
            }
        }, List.of());

        assertThat(client.connect().httpStatus()).isEqualTo(500);
    }

    @Test
    void aFactoryThatThrowsRefusesWith500() {
        WebsocketCommunicator client = communicator(c -> {
            throw new IllegalStateException("no consumer today");
        }, List.of());

        assertThat(client.connect().httpStatus()).isEqualTo(500);
    }

    @Test
    void acceptsOnlyASubprotocolTheClientOffered() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                return c.accept("not.offered").onFailure(failures::add).recover(e -> c.accept("parley.v1"));
            }
        }, List.of("parley.v1"));

        assertThat(client.connect().subprotocol()).contains("parley.v1");
        assertThat(failures).singleElement().asString().contains("did not offer subprotocol 'not.offered'");
    }

    @Test
    void sendingBeforeAcceptFails() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> connect() {
                return c.send("too early").onFailure(failures::add).recover(e -> c.accept());
            }
        }, List.of());

        client.connect();

        assertThat(failures).singleElement().isInstanceOf(ConnectionClosed.class);
        client.receiveNothing();
    }

    @Test
    void framesAndEventsAreHandledOneAtATimeInArrivalOrder() {
        // Each hook takes 20 ms to finish; if two ever overlapped, "start" lines would interleave with "end" lines.
        Function<String, Future<Void>> slow = name -> {
            log.add("start " + name);
            Promise<Void> done = Promise.promise();
            vertx.setTimer(20, id -> {
                log.add("end " + name);
                done.complete();
            });
            return done.future();
        };
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                return slow.apply(text);
            }

            @Override
            public Map<String, MessageHandler> eventHandlers() {
                return Map.of("test.event", event -> slow.apply(event.getString("n")));
            }
        }, List.of());
        client.connect();

        client.sendText("frame-1");
        await(layer.send(client.channelName(), new JsonObject().put("type", "test.event").put("n", "event-1")));
        client.sendText("frame-2");
        await(layer.send(client.channelName(), new JsonObject().put("type", "test.event").put("n", "event-2")));

        awaitLog("end event-2");
        assertThat(log).containsExactly(
                "start frame-1", "end frame-1", "start event-1", "end event-1",
                "start frame-2", "end frame-2", "start event-2", "end event-2");
    }

    @Test
    void aHookThatFailsClosesWith1011AndRunsDisconnect() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                return Future.failedFuture(new IllegalStateException("secret detail"));
            }

            @Override
            public Future<Void> disconnect(int code) {
                log.add("disconnect " + code);
                return Future.succeededFuture();
            }
        }, List.of());
        client.connect();

        client.sendText("anything");

        WebsocketCommunicator.Output.Close close = client.receiveClose();
        assertThat(close.code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        assertThat(close.reason()).isEqualTo("internal error").doesNotContain("secret");
        awaitLog("disconnect 1011");
    }

    @Test
    void aHookThatFailsBecauseTheSocketClosedIsNotAnInternalError() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Future<Void> receiveText(String text) {
                log.add("received " + text);
                return Future.failedFuture(new ConnectionClosed("the WebSocket is closed"));
            }
        }, List.of());
        client.connect();

        client.sendText("hello");

        awaitLog("received hello");
        client.receiveNothing(); // no close with 1011: the transport's own close report ends the session
    }

    @Test
    void anEventOfUnknownTypeIsDroppedAndTheConnectionGoesOn() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public Map<String, MessageHandler> eventHandlers() {
                return Map.of("known", event -> c.send("got " + event.getString("n")));
            }
        }, List.of());
        client.connect();

        await(layer.send(client.channelName(), new JsonObject().put("type", "unknown").put("n", "1")));
        await(layer.send(client.channelName(), new JsonObject().put("type", "known").put("n", "2")));

        assertThat(client.receiveText()).isEqualTo("got 2");
    }

    @Test
    void groupsAreJoinedBeforeConnectAndLeftAfterDisconnect() {
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            @Override
            public List<String> groups() {
                return List.of("room.a");
            }

            @Override
            public Future<Void> connect() {
                // Already a member: this group send comes back to us once we are accepted.
                return c.accept().compose(v -> c.layer().groupSend("room.a", new JsonObject().put("type", "echo")));
            }

            @Override
            public Map<String, MessageHandler> eventHandlers() {
                return Map.of("echo", event -> c.send("echo"));
            }
        }, List.of());
        client.connect();
        assertThat(client.receiveText()).isEqualTo("echo");

        String channel = client.channelName();
        client.disconnect();

        // Listen on the old channel again: a group send would reach it only if it were still a member. The marker
        // sent after it arrives behind anything the group send queued there (channels are FIFO).
        List<String> received = new CopyOnWriteArrayList<>();
        await(layer.receive(channel, m -> {
            received.add(m.getString("type"));
            return Future.succeededFuture();
        }));
        await(layer.groupSend("room.a", new JsonObject().put("type", "echo")));
        await(layer.send(channel, new JsonObject().put("type", "marker")));
        Eventually.await(() -> received.contains("marker"), "the marker");
        assertThat(received).containsExactly("marker");
    }

    @Test
    void readingPausesWhileTheConsumerIsBehindAndResumesWhenItCatchesUp() {
        Promise<Void> firstFrameDone = Promise.promise();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            private boolean first = true;

            @Override
            public Future<Void> receiveText(String text) {
                if (first) {
                    first = false;
                    return firstFrameDone.future();
                }
                return Future.succeededFuture();
            }
        }, List.of());
        client.connect();
        assertThat(client.isReadingPaused()).isFalse();

        for (int i = 0; i < 40; i++) {
            client.sendText("frame " + i);
        }
        Eventually.await(client::isReadingPaused, "reading to pause");

        vertx.runOnContext(v -> firstFrameDone.complete());
        Eventually.await(() -> !client.isReadingPaused(), "reading to resume");
    }

    @Test
    void framesThatFinishAtOnceStillLetTheEventsTheyCauseThrough() {
        // The first frame waits; 150 more queue behind it. Each of those finishes before it returns, after sending an
        // event to its own channel (capacity 100). If the waiting frames ran back to back on the event loop, the
        // events could not be handed over in between, the channel would fill, and sends would fail.
        Promise<Void> firstFrameDone = Promise.promise();
        AtomicReference<Context> connectionContext = new AtomicReference<>();
        List<String> failedSends = new CopyOnWriteArrayList<>();
        WebsocketCommunicator client = communicator(c -> new Consumer() {
            private boolean first = true;

            @Override
            public Future<Void> receiveText(String text) {
                if (first) {
                    first = false;
                    connectionContext.set(Vertx.currentContext());
                    return firstFrameDone.future();
                }
                c.layer().send(c.channelName(), new JsonObject().put("type", "test.event").put("n", text))
                        .onFailure(e -> failedSends.add(text + ": " + e));
                return Future.succeededFuture();
            }

            @Override
            public Map<String, MessageHandler> eventHandlers() {
                return Map.of("test.event", event -> {
                    log.add(event.getString("n"));
                    return Future.succeededFuture();
                });
            }
        }, List.of());
        client.connect();

        client.sendText("first");
        for (int i = 0; i < 150; i++) {
            client.sendText("frame " + i);
        }
        Eventually.await(client::isReadingPaused, "the frames to queue");
        connectionContext.get().runOnContext(v -> firstFrameDone.complete());

        awaitLog("frame 149");
        assertThat(failedSends).isEmpty();
        assertThat(log).hasSize(150);
    }

    @Test
    void theCommunicatorRefusesToBlockAnEventLoop() throws Exception {
        WebsocketCommunicator client = communicator(c -> new Consumer() { }, List.of());
        Promise<Throwable> thrown = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                client.connect();
                thrown.complete(null);
            } catch (IllegalStateException e) {
                thrown.complete(e);
            }
        });
        assertThat(await(thrown.future())).hasMessageContaining("test thread");
        assertThatThrownBy(() -> client.sendText("x")).isInstanceOf(IllegalStateException.class);
    }

    private WebsocketCommunicator communicator(ConsumerFactory factory, List<String> subprotocols) {
        Scope scope = Scope.of("/ws/test/", Map.of(), User.guest("guest-test")).withSubprotocols(subprotocols);
        return new WebsocketCommunicator(vertx, layer, factory, scope);
    }

    private void awaitLog(String line) {
        Eventually.await(() -> log.contains(line), "log line '" + line + "' (log: " + log + ")");
    }


    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
