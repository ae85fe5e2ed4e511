package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.chat.FuzzFrames.Expected;
import dev.parley.chat.FuzzFrames.FuzzFrame;
import dev.parley.chat.FuzzReplies.Posted;
import dev.parley.store.MessageStore.Page;
import dev.parley.store.StoredMessage;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.consumers.testing.WebsocketCommunicator.Handshake;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue 5, item 5, through a real chat consumer: thousands of generated frames, valid and hostile, text and binary,
 * in both modes. Every frame gets the reply the protocol promises (docs/protocol.md): a post its ack and its
 * broadcast, which another connection of the room (the observer) receives too; a typing frame nothing back, and the
 * observer is told; anything refused one error frame with its code. The connection stays open, the store ends up
 * holding exactly the valid posts, and a connection in another room receives nothing. The seed is fixed, so a run
 * can be repeated; it is printed, and {@code -Dparley.fuzz.seed=N} runs with another one.
 */
class ChatConsumerFuzzTest extends ChatConsumerFixture {

    /** Frames per mode: the 100 000 through the consumer (and so its decoder), 10 to 15 s a mode here. */
    static final int FRAMES_PER_MODE = 50_000;
    /** The seed of every run that does not name one: failures are then the same on every machine and every run. */
    static final long DEFAULT_SEED = 20_261_122L;
    private static final String USER = "fuzzer";
    /** What the consumer answers in both modes, if the frames cover what they should. */
    private static final List<String> REPLIES_OF_BOTH_MODES = List.of("error invalid_json", "error invalid_frame",
            "error invalid_field", "error empty_message", "error message_too_long", "error binary_not_supported");

    private final long seed = Long.getLong("parley.fuzz.seed", DEFAULT_SEED);

    @BeforeEach
    void printTheSeed(TestInfo test) {
        System.out.printf("%s: seed %d (repeat with -Dparley.fuzz.seed=%d)%n", test.getDisplayName(), seed, seed);
    }

    @Test
    void aRichConnectionAnswersEveryHostileFrameAndStoresOnlyValidPosts() throws Exception {
        Map<String, Integer> replies = fuzz(WireMode.RICH, "fuzz-rich");

        assertThat(replies).containsKeys(REPLIES_OF_BOTH_MODES.toArray(String[]::new))
                .containsKeys("chat.ack", "chat.ack duplicate", "history", "typing", "error unknown_type",
                        "error invalid_request");
    }

    @Test
    void aTutorialConnectionAnswersEveryHostileFrameAndStoresOnlyValidPosts() throws Exception {
        Map<String, Integer> replies = fuzz(WireMode.TUTORIAL, "fuzz-tutorial");

        assertThat(replies).containsKeys(REPLIES_OF_BOTH_MODES.toArray(String[]::new)).containsKey("chat.message")
                .doesNotContainKeys("chat.ack", "chat.ack duplicate", "history", "typing", "error unknown_type",
                        "error invalid_request");
    }

    @Test
    void aRoomNameIsAcceptedExactlyWhenItFollowsTheRule() {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            String room = roomName(random);
            WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer,
                    ChatConsumer.factory(settings, presence, store), scope(room, USER, List.of("parley.v1")));

            Handshake handshake = client.connect(FuzzReplies.REPLY_TIMEOUT);

            boolean valid = followsTheRoomRule(room);
            assertThat(handshake.accepted()).as("room %s (seed %d)", ClientFrameDecoderPropertiesTest.abbreviated(room), seed)
                    .isEqualTo(valid);
            if (valid) {
                client.disconnect();
            }
        }
    }

    @Test
    void aRoomNameOutsideTheRuleIsAClientErrorNotAnOutage() {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer, ChatConsumer.factory(settings, presence, store),
                scope("é", USER, List.of()));

        Handshake handshake = client.connect(FuzzReplies.REPLY_TIMEOUT);

        assertThat(handshake.accepted()).isFalse();
        assertThat(handshake.httpStatus()).isBetween(400, 499);
    }

    /** Runs the fuzz through one connection; what came back, by kind (see {@link FuzzReplies#repliesByKind}). */
    private Map<String, Integer> fuzz(WireMode mode, String room) throws Exception {
        String elsewhere = room + "-elsewhere";
        WebsocketCommunicator bystander = richClient(elsewhere, "bystander");
        WebsocketCommunicator observer = mode == WireMode.RICH ? richClient(room, "observer") : tutorialClient(room, "observer");
        WebsocketCommunicator client = mode == WireMode.RICH ? richClient(room, USER) : tutorialClient(room, USER);
        if (mode == WireMode.RICH) {
            assertThat(observer.receiveJson()).isEqualTo(new JsonObject().put("type", "presence.join").put("room", room)
                    .put("user", USER));
        }
        FuzzFrames frames = new FuzzFrames(new Random(seed), mode);
        FuzzReplies replies = new FuzzReplies(client, observer, mode, room, USER);
        long started = System.nanoTime();
        for (int sent = 1; sent <= FRAMES_PER_MODE; sent++) {
            FuzzFrame frame = frames.next();
            try {
                frame.text().ifPresentOrElse(client::sendText, () -> client.sendBinary(frame.binary().orElseThrow()));
                replies.expect(frame.expected());
            } catch (AssertionError e) {
                throw new AssertionError(String.format("frame %d in %s mode (repeat with -Dparley.fuzz.seed=%d): %s%n%s",
                        sent, mode, seed, frame, e.getMessage()), e);
            }
        }
        client.receiveNothing();
        observer.receiveNothing();

        client.sendText("{\"message\": \"still here\"}");
        replies.expect(new Expected.Posted("still here", Optional.empty()));
        assertTheStoreHoldsExactly(room, replies.posted());
        bystander.receiveNothing();
        assertThat(page(store.latest(elsewhere, 1)).messages()).as("messages stored in another room").isEmpty();
        System.out.printf("%s mode: %d frames, %d ms, seed %d; replies %s%n", mode, FRAMES_PER_MODE,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), seed, replies.repliesByKind());
        return replies.repliesByKind();
    }

    /** Nothing bad is stored: the room holds the acknowledged posts, each once, as sent, and nothing else. */
    private void assertTheStoreHoldsExactly(String room, List<Posted> posted) throws Exception {
        List<StoredMessage> stored = new ArrayList<>();
        long after = 0;
        Page page;
        do {
            page = page(store.after(room, after, ClientFrameDecoder.MAX_HISTORY_PAGE));
            stored.addAll(page.messages());
            after = stored.isEmpty() ? after : stored.get(stored.size() - 1).seq();
        } while (page.hasMore());

        assertThat(stored).extracting(m -> new Posted(m.seq(), m.text(), m.clientId())).containsExactlyElementsOf(posted);
        assertThat(stored).allSatisfy(m -> {
            assertThat(m.user()).isEqualTo(USER);
            assertThat(m.room()).isEqualTo(room);
        });
        assertThat(posted).as("valid posts among the frames").hasSizeGreaterThan(FRAMES_PER_MODE / 10);
    }

    private static Page page(Future<Page> page) throws Exception {
        return page.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The protocol's rule, spelled out independently of RoomName: 1 to 64 ASCII letters, digits, '-' or '_'. */
    private static boolean followsTheRoomRule(String room) {
        return !room.isEmpty() && room.length() <= 64 && room.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    private static String roomName(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
        StringBuilder valid = new StringBuilder();
        int length = 1 + random.nextInt(64);
        for (int i = 0; i < length; i++) {
            valid.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return switch (random.nextInt(6)) {
            case 0 -> valid.toString();
            case 1 -> valid + "x".repeat(65 - valid.length());
            case 2 -> HostileJson.string(random);
            case 3 -> HostileJson.anyUnits(random, 70);
            case 4 -> HostileJson.pick(random, List.of("", " ", ".", "..", "a/b", "a b", "lobby/", "%2F", "é", "ß",
                    "lobby\u0000", "lobby\n", "١٢٣", "ｌｏｂｂｙ", "\ud800", "😀", "a?b=c", "a#b", "<script>"));
            default -> valid.insert(random.nextInt(valid.length() + 1), HostileJson.anyUnits(random, 3)).toString();
        };
    }
}
