package dev.parley.gateway;

import dev.parley.consumers.chat.ChatConsumer;
import dev.parley.consumers.chat.ChatSettings;
import dev.parley.consumers.chat.FloodControl;
import dev.parley.consumers.chat.RoomName;
import dev.parley.consumers.chat.WireMode;
import dev.parley.consumers.history.MessageStore;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.Presence;

/** Every route of the gateway, in one place: read it top to bottom like a Channels project's {@code asgi.py}. */
final class Routes {

    private Routes() {
    }

    static RouteTable table(ChatSettings chat, FloodControl floodControl, ChannelLayer layer, Presence presence,
                            MessageStore store, AccountApi accounts, Operations operations) {
        HistoryApi history = new HistoryApi(store);
        return new RouteTable()
                .param("room", RoomName.PATTERN)

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
                .get("/healthz", operations::live)
                .get("/readyz", operations::ready)
                .get("/metrics", operations::metrics);
    }
}
