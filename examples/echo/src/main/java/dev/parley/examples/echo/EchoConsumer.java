package dev.parley.examples.echo;

import dev.parley.consumers.Connection;
import dev.parley.consumers.JsonConsumer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Answers each JSON object a client sends with the same object and the name of who sent it, as the middleware told
 * it; a frame that is not a JSON object gets an error, and the connection stays open. One instance per connection.
 */
public final class EchoConsumer implements JsonConsumer {

    private final Connection connection;

    public EchoConsumer(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Future<Void> connect() {
        return connection.accept();
    }

    @Override
    public Future<Void> receiveJson(JsonObject frame) {
        return connection.sendJson(new JsonObject()
                .put("echo", frame)
                .put("user", connection.scope().user().name()));
    }

    @Override
    public Future<Void> receiveInvalidJson(String text, JsonProblem problem) {
        return connection.sendJson(new JsonObject().put("error", "send a JSON object, such as {\"text\": \"hi\"}"));
    }
}
