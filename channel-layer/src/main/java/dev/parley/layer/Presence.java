package dev.parley.layer;

import io.vertx.core.Future;
import java.util.List;

/**
 * Who is in each room, on every node: people, not connections. A user with two connections to a room is in it
 * once, and leaves it when the last one goes. Failures travel as failed Futures carrying a {@link LayerException}.
 */
public interface Presence {

    /** One more connection of the user is in the room; true if the user was nowhere in it before (they joined). */
    Future<Boolean> enter(String room, String user);

    /** One connection of the user left the room; true if it was the user's last one anywhere (they left). */
    Future<Boolean> leave(String room, String user);

    /** Everyone in the room on every node, sorted. */
    Future<List<String>> users(String room);

    /**
     * Registers what to do when users vanish without leaving, because the node serving them died; the listener
     * runs once per vanished user, on no particular thread. A presence of one node never calls it.
     */
    void onVanished(VanishedListener listener);

    /** Forgets this node's users everywhere, as if they all left, and stops. */
    Future<Void> close();

    /** Told of a user who vanished from a room. */
    @FunctionalInterface
    interface VanishedListener {
        void vanished(String room, String user);
    }
}
