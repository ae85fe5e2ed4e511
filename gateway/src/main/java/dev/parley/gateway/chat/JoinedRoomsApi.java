package dev.parley.gateway.chat;

import dev.parley.accounts.JoinedRooms;
import dev.parley.chat.RoomName;
import dev.parley.gateway.auth.Identity;
import dev.parley.gateway.auth.OriginPolicy;
import dev.parley.gateway.http.PlainResponses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rooms a signed-in user joined, over HTTP ({@code GET /api/me/rooms}, {@code PUT} and {@code DELETE
 * /api/me/rooms/{joinedRoom}}, docs/protocol.md), so that the web UI opens the same rooms in each of their
 * browsers. Guests get 401: their browser keeps their rooms. Changes must come from a page of an allowed origin,
 * as for the account API; a form on another site cannot send PUT or DELETE at all.
 */
public final class JoinedRoomsApi {

    /** The most rooms an account keeps. */
    static final int MAX_ROOMS = 100;

    private final JoinedRooms joined;
    private final Identity identity;
    private final OriginPolicy origins;

    JoinedRoomsApi(JoinedRooms joined, Identity identity, OriginPolicy origins) {
        this.joined = joined;
        this.identity = identity;
        this.origins = origins;
    }

    /** {@code GET /api/me/rooms}: {@code {"rooms": [...]}}, in the order joined. */
    void list(RoutingContext ctx) {
        asSignedIn(ctx, user -> joined.of(user).onComplete(found -> {
            if (found.failed()) {
                unavailable(ctx);
            } else {
                PlainResponses.json(ctx, 200, new JsonObject().put("rooms", new JsonArray(found.result())));
            }
        }));
    }

    /** {@code PUT /api/me/rooms/{joinedRoom}}: 204, or 409 at {@link #MAX_ROOMS}. */
    void join(RoutingContext ctx) {
        changeAsSignedIn(ctx, (user, room) -> joined.join(user, room, MAX_ROOMS).onComplete(done -> {
            if (done.failed()) {
                unavailable(ctx);
            } else if (done.result()) {
                ctx.response().setStatusCode(204).end();
            } else {
                error(ctx, 409, "you have joined " + MAX_ROOMS + " rooms, the most an account keeps; leave one first");
            }
        }));
    }

    /** {@code DELETE /api/me/rooms/{joinedRoom}}: 204, whether or not the room was joined. */
    void leave(RoutingContext ctx) {
        changeAsSignedIn(ctx, (user, room) -> joined.leave(user, room).onComplete(done -> {
            if (done.failed()) {
                unavailable(ctx);
            } else {
                ctx.response().setStatusCode(204).end();
            }
        }));
    }

    private void changeAsSignedIn(RoutingContext ctx, BiConsumer<String, String> change) {
        if (!origins.allows(ctx.request().headers(), ctx.request().isSSL())) {
            error(ctx, 403, "requests from pages of other sites are refused");
            return;
        }
        asSignedIn(ctx, user -> {
            String room = ctx.pathParam("joinedRoom");
            if (!RoomName.isValid(room)) {
                error(ctx, 400, "a room name has 1 to 64 letters A-Z, digits, '-' or '_'");
                return;
            }
            change.accept(user, room);
        });
    }

    /** Calls {@code then} with the signed-in user's name; answers 401 (or 503) itself otherwise. */
    private void asSignedIn(RoutingContext ctx, Consumer<String> then) {
        identity.signedIn(Optional.ofNullable(ctx.request().getHeader("cookie"))).onComplete(found -> {
            if (found.failed()) {
                unavailable(ctx);
            } else if (found.result().isEmpty()) {
                error(ctx, 401, "sign in first: only signed-in users have rooms kept by the server "
                        + "(a guest's browser keeps its own)");
            } else {
                then.accept(found.result().get().name());
            }
        });
    }

    private static void unavailable(RoutingContext ctx) {
        error(ctx, 503, "the joined rooms are unavailable right now; try again shortly");
    }

    private static void error(RoutingContext ctx, int status, String sentence) {
        PlainResponses.json(ctx, status, new JsonObject().put("error", sentence));
    }
}
