package dev.parley.consumers.chat;

import static org.assertj.core.api.Assertions.assertThat;
import dev.parley.consumers.chat.FuzzFrames.Expected;
import dev.parley.consumers.chat.FuzzFrames.FuzzFrame;
import dev.parley.consumers.chat.FuzzReplies.Posted;
import dev.parley.consumers.history.MessageStore.Page;
import dev.parley.consumers.history.StoredMessage;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.consumers.testing.WebsocketCommunicator.Handshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 5, through a real chat consumer: thousands of generated frames, valid and hostile, text and binary,
 * in both modes. Every frame gets the reply the protocol promises, the connection stays open, and the store ends up
 * holding exactly the valid posts. A failure names the frame and the seed; replay with {@code -Dparley.fuzz.seed=}.
 */
class ChatConsumerFuzzTest extends ChatConsumerFixture {

    /** Frames per mode: the 100 000 through the consumer (and so its decoder), 10 to 15 s a mode here. */
    static final int FRAMES_PER_MODE = 50_000;
    private static final String USER = "fuzzer";

    private final long seed = Long.getLong("parley.fuzz.seed", System.nanoTime());

    @Test
    void aRichConnectionAnswersEveryHostileFrameAndStoresOnlyValidPosts() throws Exception {
        fuzz(WireMode.RICH, "fuzz-rich");
    }

    @Test
    void aTutorialConnectionAnswersEveryHostileFrameAndStoresOnlyValidPosts() throws Exception {
        fuzz(WireMode.TUTORIAL, "fuzz-tutorial");
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

    private void fuzz(WireMode mode, String room) throws Exception {
        WebsocketCommunicator client = mode == WireMode.RICH ? richClient(room, USER) : tutorialClient(room, USER);
        FuzzFrames frames = new FuzzFrames(new Random(seed), mode);
        FuzzReplies replies = new FuzzReplies(client, mode, room, USER);
        long started = System.nanoTime();
        int sent = 0;
        while (sent < FRAMES_PER_MODE) {
            FuzzFrame frame = frames.next();
            sent++;
            try {
                frame.text().ifPresentOrElse(client::sendText, () -> client.sendBinary(frame.binary().orElseThrow()));
                replies.expect(frame.expected());
            } catch (AssertionError e) {
                throw new AssertionError(String.format("frame %d in %s mode (replay with -Dparley.fuzz.seed=%d): %s%n%s",
                        sent, mode, seed, frame, e.getMessage()), e);
            }
        }
        client.receiveNothing();

        client.sendText("{\"message\": \"still here\"}");
        replies.expect(new Expected.Posted("still here", Optional.empty()));
        assertThat(sent).as("frames through the consumer").isEqualTo(FRAMES_PER_MODE);
        assertTheStoreHoldsExactly(room, replies.posted());
        System.out.printf("%s mode: %d frames, %d posts stored, %d ms, seed %d%n", mode, sent, replies.posted().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), seed);
    }

    /** Nothing bad is stored: the room holds the acknowledged posts, each once, as sent, and nothing else. */
    private void assertTheStoreHoldsExactly(String room, List<Posted> posted) throws Exception {
        List<StoredMessage> stored = new ArrayList<>();
        long after = 0;
        Page page;
        do {
            page = store.after(room, after, ClientFrameDecoder.MAX_HISTORY_PAGE).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
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
