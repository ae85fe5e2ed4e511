package dev.parley.accounts;

import io.vertx.core.Future;
import java.util.List;

/** The rooms each registered user joined, kept with the accounts; users are named as they sign in (by their key). */
public interface JoinedRooms {

    /** The user's rooms, in the order they were joined. */
    Future<List<String>> of(String user);

    /**
     * Adds the room to the user's; {@code false}, adding nothing, when they have {@code limit} rooms already. A room
     * joined already stays where it was and counts as done.
     */
    Future<Boolean> join(String user, String room, int limit);

    /** Drops the room from the user's, if it is there. */
    Future<Void> leave(String user, String room);
}
