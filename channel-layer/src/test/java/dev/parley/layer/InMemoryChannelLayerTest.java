package dev.parley.layer;

import io.vertx.core.Vertx;

/** The in-memory layer against the shared contract. */
class InMemoryChannelLayerTest extends ChannelLayerContract {

    @Override
    protected ChannelLayer createLayer(Vertx vertx, LayerConfig config) {
        return new InMemoryChannelLayer(vertx, config);
    }
}
