package dev.parley.gateway.chat;

import dev.parley.chat.RoomEvents;
import dev.parley.gateway.http.PlainResponses;
import dev.parley.layer.Presence;
import dev.parley.store.MessageStore.Page;
import dev.parley.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * History over HTTP: {@code GET /api/rooms} and {@code GET /api/rooms/{room}/messages} (docs/protocol.md), for
 * whoever may read them: {@link ChatApp} puts {@link AccountApi#readersOnly} in front.
 */
public final class HistoryApi {

    static final int MAX_ROOMS = 100;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final MessageStore store;
    private final Presence presence;

    HistoryApi(MessageStore store, Presence presence) {
        this.store = store;
        this.presence = presence;
    }

    /** The rooms by last activity, each with how many people are in it now (left out where presence cannot say). */
    void rooms(RoutingContext ctx) {
        store.rooms(MAX_ROOMS).onComplete(result -> {
            if (result.failed()) {
                unavailable(ctx);
                return;
            }
            List<Future<Optional<Integer>>> counts = result.result().stream()
                    .map(room -> presence.users(room.room())
                            .map(users -> Optional.of(users.size()))
                            .otherwise(Optional.empty()))
                    .toList();
            Future.join(counts).onComplete(done -> {
                JsonArray rooms = new JsonArray();
                for (int i = 0; i < counts.size(); i++) {
                    var room = result.result().get(i);
                    JsonObject entry = new JsonObject()
                            .put("room", room.room())
                            .put("last_seq", room.lastSeq())
                            .put("last_activity", DateTimeFormatter.ISO_INSTANT.format(room.lastActivity()));
                    counts.get(i).result().ifPresent(members -> entry.put("members", members));
                    rooms.add(entry);
                }
                PlainResponses.json(ctx, 200, new JsonObject().put("rooms", rooms));
            });
        });
    }

    void messages(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        Long before;
        Long after;
        int limit;
        try {
            before = seqParam(ctx, "before");
            after = seqParam(ctx, "after");
            Long asked = seqParam(ctx, "limit");
            limit = asked == null ? DEFAULT_LIMIT : (int) Math.min(asked, Integer.MAX_VALUE);
            if (asked != null && (asked < 1 || asked > MAX_LIMIT)) {
                throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
            }
            if (before != null && after != null) {
                throw new IllegalArgumentException("give before or after, not both");
            }
        } catch (IllegalArgumentException e) {
            PlainResponses.json(ctx, 400, new JsonObject().put("error", e.getMessage()));
            return;
        }
        Future<Page> page = before != null ? store.before(room, before, limit)
                : after != null ? store.after(room, after, limit)
                : store.latest(room, limit);
        page.onComplete(result -> {
            if (result.failed()) {
                unavailable(ctx);
                return;
            }
            JsonArray messages = new JsonArray();
            result.result().messages().forEach(m -> messages.add(RoomEvents.httpObject(m)));
            JsonObject body = new JsonObject().put("messages", messages).put("has_more", result.result().hasMore());
            if (after != null && result.result().skipsAfter(after)) {
                // The retention removed the seqs right after `after` (docs/protocol.md, "reset").
                body.put("reset", true).put("oldest_seq", result.result().messages().get(0).seq());
            }
            PlainResponses.json(ctx, 200, body);
        });
    }

    /** A whole number from 0, or null when absent; anything else is a 400. */
    private static Long seqParam(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from 0, got '" + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static void unavailable(RoutingContext ctx) {
        PlainResponses.json(ctx, 503, new JsonObject().put("error", "history is unavailable right now; try again shortly"));
    }
}
