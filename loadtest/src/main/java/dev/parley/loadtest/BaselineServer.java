package dev.parley.loadtest;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code baseline-server}: the limit a chat server can reach on this machine, to hold Parley's figures against. A
 * bare Vert.x room broadcaster speaking the tutorial protocol on {@code /ws/chat/ROOM/}: a text frame
 * {@code {"message": "..."}} goes to every member of the room, the sender included, as the chat message object
 * Parley sends, encoded once. No channel layer, no store, no limits, no presence.
 */
final class BaselineServer {

    private static final String PATH_PREFIX = "/ws/chat/";
    private static final String NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Command.Baseline settings;
    private final PrintStream out;
    private final Map<String, BaselineRoom> rooms = new ConcurrentHashMap<>();

    BaselineServer(Command.Baseline settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Listens, prints one line, and serves until the process is stopped. */
    void runUntilStopped() throws InterruptedException {
        start();
        Thread.currentThread().join();
    }

    /** Listens and prints one line; the returned Vert.x instance, once closed, stops serving. */
    Vertx start() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(settings.eventLoops()));
        try {
            vertx.deployVerticle(Listener::new, new DeploymentOptions().setInstances(settings.eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RunFailed("baseline-server cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + cause.getMessage());
        }
        out.printf("baseline-server listening on ws://%s:%d/ws/chat/ROOM/ (%d event loop%s, %s)%n", settings.host(),
                settings.port(), settings.eventLoops(), settings.eventLoops() == 1 ? "" : "s",
                vertx.isNativeTransportEnabled() ? "epoll" : "Java NIO");
        out.flush();
        return vertx;
    }

    /** One per event loop, all on the same port. */
    private final class Listener extends AbstractVerticle {
        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                            .setPerMessageWebSocketCompressionSupported(false).setTcpNoDelay(true))
                    .webSocketHandler(BaselineServer.this::accept)
                    .requestHandler(request -> request.response().setStatusCode(404).end())
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }

    private void accept(ServerWebSocket socket) {
        String path = socket.path();
        if (!path.startsWith(PATH_PREFIX) || path.length() <= PATH_PREFIX.length() + 1 || !path.endsWith("/")) {
            socket.reject(404);
            return;
        }
        String roomName = path.substring(PATH_PREFIX.length(), path.length() - 1);
        BaselineRoom room = rooms.computeIfAbsent(roomName, BaselineRoom::new);
        String user = guestName();
        room.join(socket);
        socket.closeHandler(v -> room.leave(socket));
        socket.exceptionHandler(e -> { }); // the close handler follows
        socket.textMessageHandler(text -> received(room, user, socket, text));
    }

    private static void received(BaselineRoom room, String user, ServerWebSocket socket, String text) {
        Object message;
        try {
            message = new JsonObject(text).getValue("message");
        } catch (RuntimeException e) {
            socket.writeTextMessage(error("invalid_json", "Error: the frame is not a JSON object"));
            return;
        }
        if (!(message instanceof String string)) {
            socket.writeTextMessage(error("invalid_field", "Error: message must be a string"));
            return;
        }
        room.broadcast(user, string);
    }

    private static String error(String code, String message) {
        return new JsonObject().put("type", "error").put("code", code).put("message", message).encode();
    }

    /** As Parley names a client without a usable name: {@code guest-} and six letters and digits. */
    private static String guestName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 6; i++) {
            name.append(NAME_LETTERS.charAt(random.nextInt(NAME_LETTERS.length())));
        }
        return name.toString();
    }
}
