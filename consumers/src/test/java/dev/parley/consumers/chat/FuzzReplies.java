package dev.parley.consumers.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import dev.parley.consumers.chat.FuzzFrames.Expected;
import dev.parley.consumers.testing.WebsocketCommunicator;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what a chat connection sends back for each fuzz frame and checks it against what the protocol promises:
 * valid JSON with a type, known error codes, no stack traces, gap-free seqs; and remembers what was posted.
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
    private final WireMode mode;
    private final String room;
    private final String user;
    private final List<Posted> posted = new ArrayList<>();
    private final Map<String, Long> seqByClientId = new HashMap<>();

    FuzzReplies(WebsocketCommunicator client, WireMode mode, String room, String user) {
        this.client = client;
        this.mode = mode;
        this.room = room;
        this.user = user;
    }

    /** Messages acknowledged (rich) or echoed (tutorial) as stored, in the order they were posted. */
    List<Posted> posted() {
        return List.copyOf(posted);
    }

    void expect(Expected expected) {
        if (expected instanceof Expected.Refusal refusal) {
            JsonObject error = next();
            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("code")).isIn(refusal.codes().stream().map(ErrorCode::wire).toList());
            assertThat(error.getString("message")).startsWith("Error: ");
            assertThat(Optional.ofNullable(error.getString("client_id"))).isEqualTo(refusal.clientId());
        } else if (expected instanceof Expected.Posted post) {
            expectPosted(post);
        } else if (expected instanceof Expected.Repeated repeat) {
            JsonObject ack = next();
            assertThat(ack.getString("type")).isEqualTo("chat.ack");
            assertThat(ack.getBoolean("duplicate")).isTrue();
            assertThat(ack.getString("client_id")).isEqualTo(repeat.clientId());
            assertThat(ack.getLong("seq")).isEqualTo(seqByClientId.get(repeat.clientId()));
        } else if (expected instanceof Expected.HistoryPage page) {
            expectHistory(page.limit());
        }
        // Expected.Silent: nothing comes; a stray reply shows up as the answer to the next frame, and fails there.
    }

    private void expectPosted(Expected.Posted post) {
        long seq = posted.size() + 1L; // A fresh room: seqs 1, 2, 3… with no gaps.
        JsonObject message;
        if (mode == WireMode.RICH) {
            JsonObject first = next();
            JsonObject second = next();
            boolean ackFirst = "chat.ack".equals(first.getString("type"));
            JsonObject ack = ackFirst ? first : second;
            message = ackFirst ? second : first;
            assertThat(ack.getString("type")).isEqualTo("chat.ack");
            assertThat(ack.getLong("seq")).isEqualTo(seq);
            assertThat(ack.containsKey("duplicate")).isFalse();
            assertThat(Optional.ofNullable(ack.getString("client_id"))).isEqualTo(post.clientId());
        } else {
            message = next();
        }
        assertThat(message.getString("type")).isEqualTo("chat.message");
        assertThat(message.getString("message")).isEqualTo(post.message());
        assertThat(message.getString("room")).isEqualTo(room);
        assertThat(message.getString("user")).isEqualTo(user);
        assertThat(message.getLong("seq")).isEqualTo(seq);
        assertThat(Optional.ofNullable(message.getString("client_id"))).isEqualTo(post.clientId());
        posted.add(new Posted(seq, post.message(), post.clientId()));
        post.clientId().ifPresent(id -> seqByClientId.put(id, seq));
    }

    private void expectHistory(int limit) {
        JsonObject history = next();
        assertThat(history.getString("type")).isEqualTo("history");
        assertThat(history.getJsonArray("messages")).hasSizeLessThanOrEqualTo(limit);
        for (Object entry : history.getJsonArray("messages")) {
            JsonObject message = (JsonObject) entry;
            long seq = message.getLong("seq");
            assertThat(seq).isBetween(1L, (long) posted.size());
            assertThat(message.getString("message")).isEqualTo(posted.get((int) seq - 1).message());
        }
    }

    /** The next frame, which must be JSON with a string type, leak nothing, and suit the mode. */
    private JsonObject next() {
        String text = client.receiveText(REPLY_TIMEOUT); // A close frame instead fails here: the connection must stay.
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
