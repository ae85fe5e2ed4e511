package dev.parley.layer;

import io.vertx.core.Vertx;

/** The presence contract in memory. */
class InMemoryPresenceTest extends PresenceContract {

    @Override
    protected Presence createPresence(Vertx vertx) {
        return new InMemoryPresence();
    }
}
