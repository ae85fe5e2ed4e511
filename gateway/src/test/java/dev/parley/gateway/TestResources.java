package dev.parley.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Text files on the test classpath, such as the page scripts the browser tests inject. */
final class TestResources {

    private TestResources() {
    }

    /** The whole file at {@code path} (e.g. {@code /socket-spy.js}); fails if it is not on the classpath. */
    static String text(String path) {
        try (var in = Objects.requireNonNull(TestResources.class.getResourceAsStream(path),
                path + " is not on the classpath")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
