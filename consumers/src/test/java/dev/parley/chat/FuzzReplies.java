package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import dev.parley.chat.FuzzFrames.Expected;
import dev.parley.consumers.testing.WebsocketCommunicator;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads what a chat connection sends back for each fuzz frame, and what another connection of the room (the
 * observer, in the same mode) is sent, and checks both against what the protocol promises: valid JSON with a type,
 * known error codes, no stack traces, gap-free seqs, every post broadcast to the room and every typing frame shown
 * to the others; and remembers what was posted and which replies came.
 */
final class FuzzReplies {

    /** Generous: the build machine is shared, and a post waits for the store's commit. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> TUTORIAL_TYPES = Set.of("chat.message", "error");

    /** A message the server said it stored, with the seq it gave. */
    record Posted(long seq, String message, Optional<String> clientId) {
    }

    private final WebsocketCommunicator client;
    private final WebsocketCommunicator observer;
    private final WireMode mode;
    private final String room;
    private final String user;
    private final List<Posted> posted = new ArrayList<>();
    private final Map<String, Long> seqByClientId = new HashMap<>();
    private final Map<String, Integer> repliesByKind = new TreeMap<>();

    FuzzReplies(WebsocketCommunicator client, WebsocketCommunicator observer, WireMode mode, String room, String user) {
        this.client = client;
        this.observer = observer;
        this.mode = mode;
        this.room = room;
        this.user = user;
    }

    /** Messages acknowledged (rich) or echoed (tutorial) as stored, in the order they were posted. */
    List<Posted> posted() {
        return List.copyOf(posted);
    }

    /**
     * How many replies of each kind came and were checked, by what the consumer sent (not by what was asked for):
     * {@code chat.ack}, {@code chat.ack duplicate}, {@code history}, {@code typing} (as the observer saw it),
     * {@code chat.message} (tutorial echoes) and {@code error <code>}.
     */
    Map<String, Integer> repliesByKind() {
        return Collections.unmodifiableMap(new TreeMap<>(repliesByKind));
    }

    void expect(Expected expected) {
        if (expected instanceof Expected.Refusal refusal) {
            JsonObject error = next(client, "the sender");
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("code")).isIn(refusal.codes().stream().map(ErrorCode::wire).toList());
            assertThat(error.getString("message")).startsWith("Error: ");
            assertThat(Optional.ofNullable(error.getString("client_id"))).isEqualTo(refusal.clientId());
            count("error " + error.getString("code"));
        } else if (expected instanceof Expected.Posted post) {
            expectPosted(post);
        } else if (expected instanceof Expected.Repeated repeat) {
            JsonObject ack = next(client, "the sender");
            assertThat(ack.getString("type")).isEqualTo("chat.ack");
            assertThat(ack.getBoolean("duplicate")).isTrue();
            assertThat(ack.getString("client_id")).isEqualTo(repeat.clientId());
            assertThat(ack.getLong("seq")).isEqualTo(seqByClientId.get(repeat.clientId()));
            count("chat.ack duplicate");
        } else if (expected instanceof Expected.HistoryPage page) {
            expectHistory(page);
        } else if (expected instanceof Expected.Typing typing) {
            // Nothing comes back to the typist: a stray reply shows up as the answer to its next frame, and fails there.
            JsonObject shown = next(observer, "the observer");
            assertThat(shown).as("what the others see").isEqualTo(new JsonObject().put("type", "typing")
                    .put("room", room).put("user", user).put("active", typing.active()));
            count("typing");
        }
        // Nothing else reaches the observer: a stray frame there fails as the answer to the next post or typing.
    }

    private void count(String kind) {
        repliesByKind.merge(kind, 1, Integer::sum);
    }

    private void expectPosted(Expected.Posted post) {
        long seq = posted.size() + 1L; // A fresh room: seqs 1, 2, 3… with no gaps.
        JsonObject message;
        if (mode == WireMode.RICH) {
            JsonObject first = next(client, "the sender");
            JsonObject second = next(client, "the sender");
            boolean ackFirst = "chat.ack".equals(first.getString("type"));
            JsonObject ack = ackFirst ? first : second;
            message = ackFirst ? second : first;
            assertThat(ack.getString("type")).isEqualTo("chat.ack");
            assertThat(ack.getLong("seq")).isEqualTo(seq);
            assertThat(ack.containsKey("duplicate")).isFalse();
            assertThat(Optional.ofNullable(ack.getString("client_id"))).isEqualTo(post.clientId());
            count("chat.ack");
        } else {
            message = next(client, "the sender");
            count("chat.message");
        }
        assertThat(message.getString("type")).isEqualTo("chat.message");
        assertThat(message.getString("message")).isEqualTo(post.message());
        assertThat(message.getString("room")).isEqualTo(room);
        assertThat(message.getString("user")).isEqualTo(user);
        assertThat(message.getLong("seq")).isEqualTo(seq);
        assertThat(Optional.ofNullable(message.getString("client_id"))).isEqualTo(post.clientId());
        assertThat(next(observer, "the observer")).as("the same message, broadcast to the room").isEqualTo(message);
        posted.add(new Posted(seq, post.message(), post.clientId()));
        post.clientId().ifPresent(id -> seqByClientId.put(id, seq));
    }

    /**
     * The page docs/protocol.md describes, worked out from what was posted: {@code before} gives the nearest
     * {@code limit} messages below it, {@code has_more} if older ones remain; {@code after} the nearest above it,
     * {@code has_more} if newer ones remain.
     */
    private void expectHistory(Expected.HistoryPage page) {
        JsonObject history = next(client, "the sender");
        long newest = posted.size();
        long first;
        long last;
        boolean more;
        if (page.bound().equals("before")) {
            last = Math.min(page.seq() - 1, newest);
            first = Math.max(1, last - page.limit() + 1);
            more = last >= 1 && first > 1;
        } else if (page.seq() >= newest) {
            first = 1;
            last = 0;
            more = false;
        } else {
            first = page.seq() + 1;
            last = Math.min(newest, page.seq() + page.limit());
            more = last < newest;
        }
        assertThat(history.getString("type")).isEqualTo("history");
        assertThat(history.getString("room")).isEqualTo(room);
        assertThat(history.getLong(page.bound())).as("the bound asked for").isEqualTo(page.seq());
        assertThat(history.getBoolean("has_more")).as("has_more of %s", page).isEqualTo(more);
        JsonArray messages = history.getJsonArray("messages");
        assertThat(messages.size()).as("messages in %s", page).isEqualTo((int) Math.max(0, last - first + 1));
        // Checked by hand rather than with an assertion each: some 400 000 messages go by in a run.
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            Posted original = posted.get((int) (first + i - 1));
            if (message.getLong("seq") != first + i || !original.message().equals(message.getString("message"))
                    || !original.clientId().equals(Optional.ofNullable(message.getString("client_id")))
                    || !user.equals(message.getString("user")) || !room.equals(message.getString("room"))) {
                fail("message %d of %s is %s; expected seq %d, %s", i, page, message, first + i, original);
            }
        }
        count("history");
    }

    /** The next frame to {@code receiver}, which must be JSON with a string type, leak nothing, and suit the mode. */
    private JsonObject next(WebsocketCommunicator receiver, String who) {
        String text;
        try {
            text = receiver.receiveText(REPLY_TIMEOUT);
        } catch (AssertionError e) {
            // Nothing came, or a close (named with its code): without rate limits no fuzz frame may close a connection.
            throw new AssertionError(who + ": " + e.getMessage(), e);
        }
        for (String marker : HostileJson.LEAK_MARKERS) {
            if (text.contains(marker)) {
                fail("a reply leaks \"%s\": %s", marker, ClientFrameDecoderPropertiesTest.abbreviated(text));
            }
        }
        JsonObject reply;
        try {
            reply = new JsonObject(text);
        } catch (DecodeException e) {
            return fail("a reply is not a JSON object: %s", ClientFrameDecoderPropertiesTest.abbreviated(text));
        }
        assertThat(reply.getValue("type")).as("type of %s", reply).isInstanceOf(String.class);
        if ("error".equals(reply.getString("type"))) {
            assertThat(reply.getString("code")).isIn(ERROR_CODES);
        }
        if (mode == WireMode.TUTORIAL) {
            assertThat(reply.getString("type")).isIn(TUTORIAL_TYPES);
            assertThat(reply.getValue("message")).as("a tutorial page prints data.message").isInstanceOf(String.class);
        }
        return reply;
    }
}
