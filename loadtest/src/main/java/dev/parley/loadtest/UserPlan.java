package dev.parley.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who every simulated user is: its room, whether and as which sender slot it posts, its target and source address.
 * The plan is the same in every process of a run; each process simulates its slice of it, rooms kept whole
 * where there are at least as many rooms as slices.
 */
final class UserPlan {

    /** One user of the plan: {@code senderSlot} is its index among its room's senders, or -1 if it only reads. */
    record PlannedUser(int index, Room room, int senderSlot, URI target, int sourceIndex, String name) {
    }

    private final Options options;
    private final Map<Integer, Room> rooms = new ConcurrentHashMap<>();
    private final int first;
    private final int end;

    UserPlan(Options options) {
        this.options = options;
        int slices = options.slice().count();
        int index = options.slice().index();
        int size = options.effectiveRoomSize();
        int roomCount = options.rooms();
        if (roomCount >= slices) {
            first = Math.min(options.users(), (int) ((long) index * roomCount / slices) * size);
            end = Math.min(options.users(), (int) ((long) (index + 1) * roomCount / slices) * size);
        } else {
            first = (int) ((long) index * options.users() / slices);
            end = (int) ((long) (index + 1) * options.users() / slices);
        }
    }

    /** The users this process simulates. */
    List<PlannedUser> users() {
        List<PlannedUser> users = new ArrayList<>(end - first);
        for (int user = first; user < end; user++) {
            users.add(user(user));
        }
        return users;
    }

    /** The rooms this process has members in. */
    List<Room> rooms() {
        users();
        return List.copyOf(rooms.values());
    }

    /** User {@code index} of the whole run (churn makes users beyond {@code --users}, in rooms taken in turn). */
    PlannedUser user(int index) {
        int size = options.effectiveRoomSize();
        int roomIndex = index < options.users() ? index / size : index % options.rooms();
        int member = index < options.users() ? index % size : size;
        Room room = rooms.computeIfAbsent(roomIndex, this::room);
        int slot = member < options.effectiveSenders() ? member : -1;
        URI target = options.urls().get(index % options.urls().size());
        int source = (index / options.urls().size()) % options.sourceAddresses().clientCount();
        String name = options.names() == Scenario.NameMode.SHARED ? "lt-r" + roomIndex : "lt-u" + index;
        return new PlannedUser(index, room, slot, target, source, name);
    }

    private Room room(int roomIndex) {
        int size = options.effectiveRoomSize();
        int roomFirst = roomIndex * size;
        int roomEnd = Math.min(options.users(), roomFirst + size);
        boolean shared = roomFirst < first || roomEnd > end;
        int senders = Math.min(options.effectiveSenders(), Math.max(1, roomEnd - roomFirst));
        return new Room("lt-" + options.runId() + "-" + roomIndex, senders, shared);
    }

    /** The path and query a user connects to on its target. */
    String uriFor(PlannedUser user, long resumeAfter) {
        StringBuilder uri = new StringBuilder("/ws/chat/").append(user.room().name()).append("/?name=")
                .append(user.name());
        if (options.protocol() == Scenario.Protocol.RICH) {
            uri.append("&history=0");
            if (resumeAfter >= 0) {
                uri.append("&after=").append(resumeAfter);
            }
        }
        return uri.toString();
    }
}
