package dev.parley.layer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule every layer applies to messages: a plain JSON object with a non-empty string {@code type}. A message is
 * frozen once, when it is sent, and the same read-only object is delivered to every receiver: a group of a thousand
 * members costs one copy, not a thousand.
 */
public final class LayerMessages {

    private LayerMessages() {
    }

    /**
     * A read-only deep copy of a valid message, so that neither the sender changing its object later nor one
     * receiver changing what it got can change what others receive; fails with {@link InvalidMessage} if the
     * message has no string {@code type} or holds anything but JSON values (strings, numbers, booleans, null,
     * objects, arrays). Changing the copy, or any object or array in it, throws
     * {@link UnsupportedOperationException}; {@link JsonObject#copy()} gives a changeable one.
     */
    public static JsonObject frozen(JsonObject message) {
        if (message == null) {
            throw new InvalidMessage("no message");
        }
        if (!(message.getValue("type") instanceof String type) || type.isEmpty()) {
            throw new InvalidMessage("\"type\" must be a non-empty string");
        }
        return frozenObject(message.getMap());
    }

    private static JsonObject frozenObject(Map<String, Object> fields) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, fields.size() * 4 / 3 + 1));
        fields.forEach((name, value) -> copy.put(name, frozenValue(value)));
        return new JsonObject(Collections.unmodifiableMap(copy));
    }

    private static JsonArray frozenArray(List<?> items) {
        List<Object> copy = new ArrayList<>(items.size());
        items.forEach(item -> copy.add(frozenValue(item)));
        return new JsonArray(Collections.unmodifiableList(copy));
    }

    @SuppressWarnings("unchecked")
    private static Object frozenValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof JsonObject object) {
            return frozenObject(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return frozenArray(array.getList());
        }
        if (value instanceof Map<?, ?> map) {
            return frozenObject((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return frozenArray(list);
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new InvalidMessage("not plain JSON (a " + value.getClass().getSimpleName() + " value)");
    }
}
