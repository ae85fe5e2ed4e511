package dev.parley.gateway;

import dev.parley.consumers.chat.ChatConsumer;
import dev.parley.consumers.chat.ChatSettings;
import dev.parley.consumers.chat.FloodControl;
import dev.parley.consumers.chat.RoomName;
import dev.parley.consumers.chat.WireMode;
import dev.parley.consumers.history.MessageStore;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.Presence;

/**
 * Every route of the gateway, in one place: read it top to bottom like a Channels project's {@code asgi.py}. The
 * public port serves {@link #table}, the management port {@link #management}.
 */
final class Routes {

    private Routes() {
    }

    static RouteTable table(ChatSettings chat, FloodControl floodControl, ChannelLayer layer, Presence presence,
                            MessageStore store, AccountApi accounts, Operations operations, AllowedHosts hosts) {
        HistoryApi history = new HistoryApi(store);
        return new RouteTable()
                .param("room", RoomName.PATTERN)
                .guard(hosts::check) // WebSocketEndpoint asks it of handshakes

                .websocket("/ws/chat/{room}/", ChatConsumer.factory(chat, presence, store, floodControl),
                        WireMode.SUBPROTOCOLS)

                .get("/", WebUi.page("index.html"))
                .get("/chat/{room}/", WebUi.page("room.html"))
                .staticFiles("/static/", WebUi.CLASSPATH_ROOT + "/static")
                .get("/api/me", accounts::me)
                .post("/api/signup", accounts::signUp)
                .post("/api/signin", accounts::signIn)
                .post("/api/signout", accounts::signOut)
                .get("/api/rooms", accounts.readersOnly(history::rooms))
                .get("/api/rooms/{room}/messages", accounts.readersOnly(history::messages))
                .get("/api/rooms/{room}/events", accounts.readersOnly(new RoomEventStream(layer, store)::open))
                .get("/api/openapi.json", ApiDocument.handler())
                // Liveness tells nothing but "up": load balancers that see only this port may ask it.
                .get("/healthz", operations::live);
    }

    /**
     * The operations endpoints, on the management port ({@code CHAT_MANAGEMENT_PORT}) only: what they tell
     * (connection counts, restarts, throttling, whether Redis or the database is down) is for the operators.
     */
    static RouteTable management(Operations operations) {
        return new RouteTable()
                .get("/healthz", operations::live)
                .get("/readyz", operations::ready)
                .get("/metrics", operations::metrics);
    }
}
