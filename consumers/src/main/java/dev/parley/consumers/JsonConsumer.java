package dev.parley.consumers;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** A consumer that speaks JSON objects in text frames, like Channels' {@code JsonWebsocketConsumer}. */
public interface JsonConsumer extends Consumer {

    /** Decodes the frame and hands it to {@link #receiveJson} or, if it is not a JSON object, {@link #receiveInvalidJson}. */
    @Override
    default Future<Void> receiveText(String text) {
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            return receiveInvalidJson(text, JsonProblem.NOT_JSON);
        }
        if (value instanceof JsonObject object) {
            return receiveJson(object);
        }
        return receiveInvalidJson(text, JsonProblem.NOT_AN_OBJECT);
    }

    /** A text frame holding a JSON object arrived. */
    default Future<Void> receiveJson(JsonObject frame) {
        return Future.succeededFuture();
    }

    /** A text frame that is not a JSON object arrived. The default does nothing. */
    default Future<Void> receiveInvalidJson(String text, JsonProblem problem) {
        return Future.succeededFuture();
    }

    /** Why a text frame was not a JSON object. */
    enum JsonProblem {
        /** The text does not parse as JSON. */
        NOT_JSON,
        /** The text is JSON, but an array, string, number, boolean or null rather than an object. */
        NOT_AN_OBJECT
    }
}
