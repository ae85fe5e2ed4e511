package dev.parley.consumers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A handshake's headers, read-only, names compared without case. A function rather than a map, so that the gateway
 * can hand over the headers its server keeps anyway instead of a copy of them for every connection's life.
 */
@FunctionalInterface
public interface Headers {

    /** No headers. */
    Headers NONE = name -> List.of();

    /** Every value of the header, in the order sent; empty if it was not sent. */
    List<String> all(String name);

    /** The first value of the header. */
    default Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Headers from a map (a copy; names in any case), e.g. for tests. */
    static Headers of(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), entry -> List.copyOf(entry.getValue()),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        return name -> byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
