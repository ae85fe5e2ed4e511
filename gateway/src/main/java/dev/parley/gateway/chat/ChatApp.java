package dev.parley.gateway.chat;

import dev.parley.chat.ChatConsumer;
import dev.parley.chat.ChatSettings;
import dev.parley.chat.FloodControl;
import dev.parley.chat.NameRegistered;
import dev.parley.chat.OutageRecovery;
import dev.parley.chat.PresenceEvent;
import dev.parley.chat.RoomName;
import dev.parley.chat.WireMode;
import dev.parley.gateway.App;
import dev.parley.gateway.GatewayConfig;
import dev.parley.gateway.RouteTable;
import dev.parley.gateway.Services;
import dev.parley.gateway.auth.Passwords;
import dev.parley.gateway.auth.SignInThrottle;
import dev.parley.gateway.http.AddressBlock;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryWindowCounter;
import java.time.Clock;

/**
 * The Parley chat, as one app of the server: its rooms, web UI, accounts and history API. Read {@link #routes} top
 * to bottom like a Channels project's {@code asgi.py}.
 */
public final class ChatApp implements App {

    @Override
    public void routes(RouteTable routes, Services services) {
        GatewayConfig config = services.config();
        ChannelLayer layer = services.layer();
        ChatSettings chat = new ChatSettings(config.limits().maxMessageLength(), Clock.systemUTC());
        FloodControl messageRate = FloodControl.perSecond(config.limits().messagesPerSecond());
        AccountApi accounts = new AccountApi(services.accounts(), new Passwords(services.vertx()), services.sessions(),
                services.identity(), services.origins(),
                new SignInThrottle(config.limits().signInsPerMinute(), services.sharedCounter(),
                        new InMemoryWindowCounter(System::nanoTime), new AddressBlock(config.ipv6PrefixLength())),
                config.trustProxy(), services.metrics()::signInThrottled, name -> renameGuestsCalled(layer, name));
        HistoryApi history = new HistoryApi(services.store(), services.presence());
        JoinedRoomsApi joinedRooms = new JoinedRoomsApi(services.joinedRooms(), services.identity(), services.origins());
        // Chat goes on while Redis is away; the other gateways' members catch up when it is back.
        OutageRecovery outageRecovery = OutageRecovery.start(services.vertx(), layer, services.store());

        // Users of a gateway that died leave without a word: tell their rooms on their behalf.
        services.presence().onVanished((room, user) ->
                layer.groupSend(RoomName.group(room), new PresenceEvent(room, user, false).toEvent()));

        routes.param("room", RoomName.PATTERN)

                .websocket("/ws/chat/{room}/", ChatConsumer.factory(chat, services.presence(), services.store(),
                        messageRate, outageRecovery), WireMode.SUBPROTOCOLS)

                .get("/", WebUi.page("index.html"))
                .get("/chat/{room}/", WebUi.page("room.html"))
                .staticFiles("/static/", WebUi.CLASSPATH_ROOT + "/static")
                .get("/api/me", accounts::me)
                .post("/api/signup", accounts::signUp)
                .post("/api/signin", accounts::signIn)
                .post("/api/signout", accounts::signOut)
                .get("/api/me/rooms", joinedRooms::list)
                .put("/api/me/rooms/{joinedRoom}", joinedRooms::join)
                .delete("/api/me/rooms/{joinedRoom}", joinedRooms::leave)
                .get("/api/rooms", accounts.readersOnly(history::rooms))
                .get("/api/rooms/{room}/messages", accounts.readersOnly(history::messages))
                .get("/api/rooms/{room}/events", accounts.readersOnly(new RoomEventStream(layer, services.store())::open))
                .get("/api/openapi.json", ApiDocument.handler());
    }

    /**
     * Guests holding a name just registered (or a look-alike), on every gateway, take a generated one. Best effort:
     * while the layer is down they keep it until they reconnect, when the name is refused them.
     */
    private static void renameGuestsCalled(ChannelLayer layer, String name) {
        layer.groupSend(NameRegistered.group(name), new NameRegistered(name).toEvent());
    }
}
