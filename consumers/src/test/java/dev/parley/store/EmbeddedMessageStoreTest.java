package dev.parley.store;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The store contract on the embedded default: an H2 file in a data directory of this test class. */
class EmbeddedMessageStoreTest extends MessageStoreContract {

    private static final Path DATA_DIR = temporaryDirectory();

    @Override
    protected R2dbcMessageStore openStore(Vertx vertx) {
        return await(R2dbcMessageStore.open(vertx, StoreSettings.embedded(DATA_DIR)));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("parley-h2-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
