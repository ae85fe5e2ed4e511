package dev.parley.gateway;

import dev.parley.consumers.User;
import dev.parley.consumers.accounts.AccountStore;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who a WebSocket handshake is (like Channels' {@code AuthMiddlewareStack}): the user its session cookie names, or
 * else a guest, if guests are allowed. A guest may ask for a display name, but never one somebody registered.
 */
final class Identity {

    private final SessionTokens sessions;
    private final AccountStore accounts;
    private final boolean guestsAllowed;

    Identity(SessionTokens sessions, AccountStore accounts, boolean guestsAllowed) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.guestsAllowed = guestsAllowed;
    }

    boolean guestsAllowed() {
        return guestsAllowed;
    }

    /** The signed-in user named by a {@code Cookie} header, if it holds a valid session. */
    Optional<User> signedIn(Optional<String> cookieHeader) {
        return cookieHeader.flatMap(Identity::sessionCookie).flatMap(sessions::verify).map(User::registered);
    }

    /**
     * The user of a handshake: signed in, or a guest with the name asked for (if valid and not registered) or a
     * generated one; empty when it is neither signed in nor allowed in as a guest.
     */
    Future<Optional<User>> of(Optional<String> cookieHeader, Optional<String> requestedName) {
        Optional<User> user = signedIn(cookieHeader);
        if (user.isPresent()) {
            return Future.succeededFuture(user);
        }
        if (!guestsAllowed) {
            return Future.succeededFuture(Optional.empty());
        }
        Optional<String> valid = requestedName.filter(DisplayNames::isValid);
        if (valid.isEmpty()) {
            return Future.succeededFuture(Optional.of(User.guest(DisplayNames.guestName())));
        }
        // A store that does not answer cannot say the name is free: the guest gets a generated one.
        return accounts.find(valid.get())
                .map(account -> account.isPresent() ? DisplayNames.guestName() : valid.get())
                .otherwise(e -> DisplayNames.guestName())
                .map(name -> Optional.of(User.guest(name)));
    }

    private static Optional<String> sessionCookie(String header) {
        try {
            return ServerCookieDecoder.STRICT.decode(header).stream()
                    .filter(cookie -> cookie.name().equals(SessionTokens.COOKIE))
                    .map(Cookie::value)
                    .findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
