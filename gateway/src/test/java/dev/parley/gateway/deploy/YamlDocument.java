package dev.parley.gateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One YAML document read as plain maps and lists, walked by key path. Read with SnakeYAML Engine (which fabric8
 * brings), so files that are not Kubernetes objects need nothing of fabric8's Jackson.
 */
final class YamlDocument {

    private final Map<?, ?> root;
    private final String source;

    private YamlDocument(Map<?, ?> root, String source) {
        this.root = root;
        this.source = source;
    }

    static YamlDocument read(Path file) throws IOException {
        Object root = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        if (!(root instanceof Map<?, ?> mapping)) {
            throw new AssertionError(file + " holds no YAML mapping");
        }
        return new YamlDocument(mapping, file.toString());
    }

    /** The mapping at the path ({@code "services", "gateway"}); fails naming the path if it is missing. */
    Map<?, ?> map(String... path) {
        return as(Map.class, path);
    }

    List<?> list(String... path) {
        return as(List.class, path);
    }

    /** The scalar at the path as text (numbers too); fails naming the path if it is missing. */
    String text(String... path) {
        return String.valueOf(value(path));
    }

    boolean has(String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    Object value(String... path) {
        Object node = root;
        for (int i = 0; i < path.length; i++) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(path[i])) {
                throw new AssertionError(source + " has no " + String.join(".", List.of(path).subList(0, i + 1)));
            }
            node = map.get(path[i]);
        }
        return node;
    }

    private <T> T as(Class<T> type, String... path) {
        Object node = value(path);
        if (!type.isInstance(node)) {
            throw new AssertionError(source + ": " + String.join(".", path) + " is not a " + type.getSimpleName()
                    + ": " + node);
        }
        return type.cast(node);
    }
}
