package dev.parley.consumers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about a connection when it arrives, like Channels' {@code scope}.
 *
 * @param path          the request path, for example {@code /ws/chat/lobby/}
 * @param pathParams    the route's path parameters, for example {@code room -> lobby}
 * @param query         the query parameters, each with every value given
 * @param headers       the handshake's headers
 * @param clientAddress the client's address as {@code host:port}
 * @param subprotocols  the WebSocket subprotocols the client offered, in its order of preference
 * @param user          who connected
 */
public record Scope(String path, Map<String, String> pathParams, Map<String, List<String>> query,
                    Headers headers, String clientAddress, List<String> subprotocols, User user) {

    public Scope {
        Objects.requireNonNull(path, "path");
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(clientAddress, "clientAddress");
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(user, "user");
    }

    /** A scope with no query, headers or subprotocols, from a local address: a start for tests. */
    public static Scope of(String path, Map<String, String> pathParams, User user) {
        return new Scope(path, pathParams, Map.of(), Headers.NONE, "127.0.0.1:0", List.of(), user);
    }

    /** A path parameter the route defines; asking for one it does not define is a programming error. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route of " + path + " has no path parameter '" + name + "'");
        }
        return value;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    public Scope withSubprotocols(List<String> offered) {
        return new Scope(path, pathParams, query, headers, clientAddress, offered, user);
    }

    public Scope withUser(User newUser) {
        return new Scope(path, pathParams, query, headers, clientAddress, subprotocols, newUser);
    }
}
