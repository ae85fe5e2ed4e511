package dev.parley.gateway.auth;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import dev.parley.chat.GuestNames;
import dev.parley.consumers.User;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Who a WebSocket handshake or an HTTP request is (like Channels' {@code AuthMiddlewareStack}): the user its session
 * cookie names, or else a guest, if guests are allowed. A guest may ask for a display name, but never one somebody
 * registered, a look-alike of one, or one like the {@code guest-} names the server gives out. One rule for both:
 * whoever may not connect may not read the history over HTTP either.
 */
public final class Identity {

    private final SessionTokens sessions;
    private final AccountStore accounts;
    private final RecentAccounts sessionAccounts;
    private final boolean guestsAllowed;

    public Identity(SessionTokens sessions, AccountStore accounts, boolean guestsAllowed) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.sessionAccounts = new RecentAccounts(accounts, System::nanoTime);
        this.guestsAllowed = guestsAllowed;
    }

    public boolean guestsAllowed() {
        return guestsAllowed;
    }

    /**
     * The signed-in user named by a {@code Cookie} header: one session cookie (two are nobody's: see
     * {@link #sessionCookie}) whose signature is right, which has not expired, and whose account exists, looked up
     * at most every {@link RecentAccounts#TTL}; the user has the account's name as registered. A store that does not
     * answer cannot say the account is gone: the signed session is trusted meanwhile, as it would be without the
     * lookup.
     */
    public Future<Optional<User>> signedIn(Optional<String> cookieHeader) {
        Optional<String> name = cookieHeader.flatMap(Identity::sessionCookie).flatMap(sessions::verify);
        if (name.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return sessionAccounts.find(name.get())
                .map(account -> account.map(Account::name))
                .otherwise(e -> name)
                .map(found -> found.map(User::registered));
    }

    /**
     * Whether a request with this {@code Cookie} header may read what connections see (the rooms and their
     * history): anybody while guests are allowed, else only a signed-in user, as for a handshake.
     */
    public Future<Boolean> mayRead(Optional<String> cookieHeader) {
        return guestsAllowed ? Future.succeededFuture(true) : signedIn(cookieHeader).map(Optional::isPresent);
    }

    /**
     * The user of a handshake: signed in, or a guest with the name asked for (if valid and not registered) or a
     * generated one; empty when it is neither signed in nor allowed in as a guest.
     */
    public Future<Optional<User>> of(Optional<String> cookieHeader, Optional<String> requestedName) {
        return signedIn(cookieHeader).compose(user -> {
            if (user.isPresent() || !guestsAllowed) {
                return Future.succeededFuture(user);
            }
            return guest(requestedName).map(Optional::of);
        });
    }

    /**
     * A guest with the name asked for, if it is valid, fits, does not look like a server-given guest name and is
     * not a registered name or a look-alike of one; else with a generated name, and the reason.
     */
    private Future<User> guest(Optional<String> requestedName) {
        if (requestedName.isEmpty()) {
            return Future.succeededFuture(User.guest(GuestNames.generate()));
        }
        String asked = requestedName.get();
        Optional<String> problem = DisplayNames.problemForGuest(asked);
        if (problem.isPresent()) {
            return Future.succeededFuture(User.guestInstead(GuestNames.generate(), problem.get()));
        }
        // A store that does not answer cannot say the name is free: the guest gets a generated one.
        return accounts.find(asked)
                .map(account -> account.map(owner -> User.guestInstead(GuestNames.generate(),
                                "\u201c" + asked + "\u201d is the registered name \u201c" + owner.name()
                                        + "\u201d, or looks like it; sign in to use it"))
                        .orElseGet(() -> User.guest(asked)))
                .otherwise(e -> User.guestInstead(GuestNames.generate(),
                        "registered names cannot be checked right now, so guests get a generated name"));
    }

    /**
     * The session cookie of a {@code Cookie} header, if it holds exactly one. Two come from a cookie planted for
     * another path or a parent domain next to ours ("cookie tossing"), and no rule tells which is the user's:
     * neither is taken, the request is signed out.
     */
    private static Optional<String> sessionCookie(String header) {
        try {
            List<String> values = ServerCookieDecoder.STRICT.decodeAll(header).stream()
                    .filter(cookie -> cookie.name().equals(SessionTokens.COOKIE))
                    .map(Cookie::value)
                    .toList();
            return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
