package dev.parley.gateway.middleware;

import dev.parley.consumers.FrameRateLimit;
import dev.parley.consumers.Middleware;
import dev.parley.gateway.GatewayConfig;
import dev.parley.gateway.auth.AllowedHosts;
import dev.parley.gateway.auth.Identity;
import dev.parley.gateway.auth.OriginPolicy;
import dev.parley.gateway.http.AddressBlock;
import dev.parley.gateway.http.ConnectionCaps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The middleware every WebSocket connection of a server passes, in order; the first wraps the consumer outermost.
 * Immutable: each change returns a new stack. A server starts from its {@link #defaults} and an application changes
 * them with {@link ParleyServer#middleware}:
 *
 * <pre>{@code
 * server.middleware(stack -> stack
 *         .without(FrameRateLimit.class)                          // a trusted client may send as fast as it likes
 *         .before(ConnectionLimit.class, new AuditHandshakes()))  // your own, after identity, before the caps
 * }</pre>
 *
 * <p>The defaults, each a class with one job, configured from {@code CHAT_*} settings:
 * <ol>
 *   <li>{@link HostCheck}: a host this service is not reached by, 400;</li>
 *   <li>{@link OriginCheck}: the page of another site, 403;</li>
 *   <li>{@link HandshakeDeadline}: not decided in time, 503;</li>
 *   <li>{@link SessionAuth}: who connected, into {@code scope.user()}; guests not allowed, 401;</li>
 *   <li>{@link ConnectionLimit}: too many connections of an address or user, 429;</li>
 *   <li>{@link FrameRateLimit}: too many frames a second; a flood is closed with 1008.</li>
 * </ol>
 */
public final class MiddlewareStack {

    private final List<Middleware> middleware;

    private MiddlewareStack(List<Middleware> middleware) {
        this.middleware = List.copyOf(middleware);
    }

    /** A stack of exactly these, in this order. */
    public static MiddlewareStack of(Middleware... middleware) {
        return new MiddlewareStack(List.of(middleware));
    }

    /** The default stack of a server with these settings. */
    public static MiddlewareStack defaults(GatewayConfig config, OriginPolicy origins, Identity identity) {
        return of(
                new HostCheck(new AllowedHosts(config.allowedHosts())),
                new OriginCheck(origins),
                new HandshakeDeadline(config.limits().handshakeTimeout()),
                new SessionAuth(identity),
                new ConnectionLimit(new ConnectionCaps(config.limits().connectionsPerAddress(),
                        config.limits().connectionsPerUser(), new AddressBlock(config.ipv6PrefixLength()))),
                FrameRateLimit.perSecond(config.limits().framesPerSecond()));
    }

    /** The middleware, in order. */
    public List<Middleware> middleware() {
        return middleware;
    }

    /** This stack with {@code added} last: innermost, next to the consumer. */
    public MiddlewareStack with(Middleware added) {
        List<Middleware> changed = new ArrayList<>(middleware);
        changed.add(added);
        return new MiddlewareStack(changed);
    }

    /** This stack with {@code added} just before the middleware of {@code type}. */
    public MiddlewareStack before(Class<? extends Middleware> type, Middleware added) {
        List<Middleware> changed = new ArrayList<>(middleware);
        changed.add(indexOf(type), added);
        return new MiddlewareStack(changed);
    }

    /** This stack with {@code added} just after the middleware of {@code type}. */
    public MiddlewareStack after(Class<? extends Middleware> type, Middleware added) {
        List<Middleware> changed = new ArrayList<>(middleware);
        changed.add(indexOf(type) + 1, added);
        return new MiddlewareStack(changed);
    }

    /** This stack with {@code replacement} in the place of the middleware of {@code type}. */
    public MiddlewareStack replace(Class<? extends Middleware> type, Middleware replacement) {
        List<Middleware> changed = new ArrayList<>(middleware);
        changed.set(indexOf(type), replacement);
        return new MiddlewareStack(changed);
    }

    /** This stack without the middleware of {@code type}. */
    public MiddlewareStack without(Class<? extends Middleware> type) {
        List<Middleware> changed = new ArrayList<>(middleware);
        changed.remove(indexOf(type));
        return new MiddlewareStack(changed);
    }

    private int indexOf(Class<? extends Middleware> type) {
        for (int i = 0; i < middleware.size(); i++) {
            if (type.isInstance(middleware.get(i))) {
                return i;
            }
        }
        throw new IllegalArgumentException("the middleware stack has no " + type.getSimpleName() + ": " + this);
    }

    /** The class names, in order, for logs and errors. */
    @Override
    public String toString() {
        return middleware.stream().map(m -> m.getClass().getSimpleName()).collect(Collectors.joining(" > ", "[", "]"));
    }
}
