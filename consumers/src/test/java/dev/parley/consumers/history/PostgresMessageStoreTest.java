package dev.parley.consumers.history;

import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.Vertx;

/** The store contract on real Postgres, in a database of this test class's own. */
class PostgresMessageStoreTest extends MessageStoreContract {

    private static String databaseUrl;

    @Override
    protected R2dbcMessageStore openStore(Vertx vertx) {
        if (databaseUrl == null) {
            databaseUrl = TestPostgres.freshDatabase("history");
        }
        return await(R2dbcMessageStore.open(vertx, StoreSettings.postgres(databaseUrl)));
    }
}
