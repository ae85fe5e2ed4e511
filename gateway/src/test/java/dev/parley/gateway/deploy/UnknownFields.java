package dev.parley.gateway.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of a manifest that Kubernetes does not know. fabric8 reads an unknown field (a typo such as
 * {@code livenesProbe}, or a field at the wrong level) into the object's {@code additionalProperties} instead of
 * failing; this walks every fabric8 model object reachable from a resource and reports where such fields are.
 */
final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final int MAX_DEPTH = 64;

    private UnknownFields() {
    }

    /** Each unknown field as {@code path.to.object: [names]}, e.g. {@code spec.template.spec: [containerz]}. */
    static List<String> in(Object resource) {
        List<String> found = new ArrayList<>();
        walk(resource, "", found, 0);
        return found;
    }

    private static void walk(Object node, String path, List<String> found, int depth) {
        if (node == null) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new AssertionError("manifest nested deeper than " + MAX_DEPTH + " at " + path);
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, join(path, String.valueOf(key)), found, depth + 1));
            return;
        }
        if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type.getName().startsWith(MODEL_PACKAGE);
             type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                        found.add((path.isEmpty() ? "(top level)" : path) + ": " + unknown.keySet());
                    }
                } else {
                    walk(value, join(path, field.getName()), found, depth + 1);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot read " + field + ": " + e, e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
