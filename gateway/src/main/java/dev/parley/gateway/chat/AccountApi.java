package dev.parley.gateway.chat;

import dev.parley.accounts.Account;
import dev.parley.accounts.AccountStore;
import dev.parley.gateway.auth.DisplayNames;
import dev.parley.gateway.auth.Identity;
import dev.parley.gateway.auth.OriginPolicy;
import dev.parley.gateway.auth.Passwords;
import dev.parley.gateway.auth.SessionTokens;
import dev.parley.gateway.auth.SignInThrottle;
import dev.parley.gateway.http.ClientAddress;
import dev.parley.gateway.http.PlainResponses;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sign-up, sign-in and sign-out over HTTP (docs/protocol.md, "Accounts"). Requests must be JSON from a page of an
 * allowed origin, which a form on another site can never send: that is the protection against cross-site requests.
 */
public final class AccountApi {

    private final AccountStore accounts;
    private final Passwords passwords;
    private final SessionTokens sessions;
    private final Identity identity;
    private final OriginPolicy origins;
    private final SignInThrottle throttle;
    private final boolean trustProxy;
    private final Runnable onThrottled;
    private final Consumer<String> registered;

    /**
     * @param trustProxy  whether a client's address is the last {@code X-Forwarded-For} entry, for the throttle
     * @param onThrottled counts an attempt refused by the throttle (a metric)
     * @param registered  told each name just registered, to rename guests who hold it
     */
    AccountApi(AccountStore accounts, Passwords passwords, SessionTokens sessions, Identity identity,
               OriginPolicy origins, SignInThrottle throttle, boolean trustProxy, Runnable onThrottled,
               Consumer<String> registered) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.identity = identity;
        this.origins = origins;
        this.throttle = throttle;
        this.trustProxy = trustProxy;
        this.onThrottled = onThrottled;
        this.registered = registered;
    }

    /** {@code GET /api/me}: who the session cookie names, and whether guests may chat. */
    void me(RoutingContext ctx) {
        identity.signedIn(cookieOf(ctx)).onComplete(found -> {
            if (found.failed()) {
                error(ctx, 503, "accounts are unavailable right now; try again shortly");
                return;
            }
            JsonObject body = new JsonObject().put("guests_allowed", identity.guestsAllowed());
            found.result().ifPresentOrElse(
                    user -> body.put("signed_in", true).put("name", user.name()),
                    () -> body.put("signed_in", false));
            PlainResponses.json(ctx, 200, body);
        });
    }

    /**
     * Lets a request through to {@code handler} if its client may read the rooms and their history (anybody while
     * guests are allowed, else only a signed-in user: {@link Identity#mayRead}); else answers 401, saying how to
     * sign in.
     */
    Handler<RoutingContext> readersOnly(Handler<RoutingContext> handler) {
        return ctx -> identity.mayRead(cookieOf(ctx)).onComplete(decided -> {
            if (decided.failed()) {
                error(ctx, 503, "accounts are unavailable right now; try again shortly");
            } else if (decided.result()) {
                handler.handle(ctx);
            } else {
                error(ctx, 401, "sign in first: only signed-in users may read this server's rooms and history. "
                        + "POST /api/signin with {\"name\": …, \"password\": …} as JSON sets the session cookie "
                        + "(POST /api/signup registers)");
            }
        });
    }

    private static Optional<String> cookieOf(RoutingContext ctx) {
        return Optional.ofNullable(ctx.request().getHeader("cookie"));
    }

    /** {@code POST /api/signup} {@code {"name": …, "password": …}}: registers and signs in. */
    void signUp(RoutingContext ctx) {
        credentials(ctx).ifPresent(given -> whenAdmitted(ctx, Optional.empty(), () -> register(ctx, given)));
    }

    /** {@code POST /api/signin} {@code {"name": …, "password": …}}. */
    void signIn(RoutingContext ctx) {
        credentials(ctx).ifPresent(given -> whenAdmitted(ctx, Optional.of(given.name()),
                () -> checkPassword(ctx, given)));
    }

    /** {@code POST /api/signout}: forgets the session cookie in this browser. */
    void signOut(RoutingContext ctx) {
        if (fromAllowedPage(ctx)) {
            ctx.response().addCookie(sessionCookie(ctx, "").setMaxAge(0));
            ctx.response().setStatusCode(204).end();
        }
    }

    private void register(RoutingContext ctx, Credentials given) {
        Optional<String> problem = problemWithName(given.name()).or(() -> Passwords.problemWith(given.password()));
        if (problem.isPresent()) {
            error(ctx, 400, problem.get());
            return;
        }
        passwords.hash(given.password())
                .compose(hash -> accounts.create(new Account(given.name(), hash)))
                .onSuccess(created -> {
                    if (created) {
                        registered.accept(given.name());
                        signedIn(ctx, 201, given.name());
                    } else {
                        // Look-alikes count as the same name (NameKey): say so, or "taken" would puzzle.
                        error(ctx, 409, "the name \"" + given.name() + "\" is taken, or one that looks like it; "
                                + "choose another");
                    }
                })
                .onFailure(e -> error(ctx, 503, "accounts are unavailable right now; try again shortly"));
    }

    private void checkPassword(RoutingContext ctx, Credentials given) {
        accounts.find(given.name())
                .compose(account -> passwords.matches(given.password(), account.map(Account::passwordHash))
                        .map(matches -> matches ? account.map(Account::name) : Optional.<String>empty()))
                .onSuccess(name -> {
                    if (name.isPresent()) {
                        signedIn(ctx, 200, name.get());
                    } else {
                        error(ctx, 401, "wrong name or password");
                    }
                })
                .onFailure(e -> error(ctx, 503, "accounts are unavailable right now; try again shortly"));
    }

    /** Why a name cannot be registered, if it cannot. */
    static Optional<String> problemWithName(String name) {
        if (!DisplayNames.isValid(name) || name.codePointCount(0, name.length()) < 2) {
            return Optional.of("the name must have 2 to " + DisplayNames.MAX_LENGTH + " letters, digits, spaces, "
                    + "'-', '_' or '.', and not start or end with a space");
        }
        return DisplayNames.problemBeyondTheRule(name);
    }

    private void signedIn(RoutingContext ctx, int status, String name) {
        ctx.response().addCookie(sessionCookie(ctx, sessions.issue(name))
                .setMaxAge(SessionTokens.LIFETIME.toSeconds()));
        PlainResponses.json(ctx, status, new JsonObject().put("signed_in", true).put("name", name));
    }

    private static Cookie sessionCookie(RoutingContext ctx, String value) {
        boolean https = ctx.request().isSSL()
                || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
        return Cookie.cookie(SessionTokens.COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(https)
                .setSameSite(CookieSameSite.LAX);
    }

    /** The name and password of a JSON request from an allowed page; else answers the request itself. */
    private Optional<Credentials> credentials(RoutingContext ctx) {
        if (!fromAllowedPage(ctx)) {
            return Optional.empty();
        }
        String type = String.valueOf(ctx.request().getHeader("content-type"));
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            error(ctx, 415, "send JSON: {\"name\": …, \"password\": …} with content-type application/json");
            return Optional.empty();
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null && body.getValue("name") instanceof String name
                    && body.getValue("password") instanceof String password) {
                return Optional.of(new Credentials(name, password));
            }
        } catch (DecodeException | ClassCastException e) {
            // answered below
        }
        error(ctx, 400, "send a JSON object with string fields \"name\" and \"password\"");
        return Optional.empty();
    }

    /** Runs {@code attempt} if the throttle lets it (a sign-in as {@code name}, if given) go ahead; else 429. */
    private void whenAdmitted(RoutingContext ctx, Optional<String> name, Runnable attempt) {
        String address = ClientAddress.of(ctx.request().remoteAddress(), ctx.request().headers(), trustProxy);
        throttle.attempt(address, name).onComplete(decided -> {
            if (decided.failed()) {
                error(ctx, 503, "accounts are unavailable right now; try again shortly");
            } else if (decided.result().isEmpty()) {
                attempt.run();
            } else {
                long seconds = decided.result().get().toSeconds();
                onThrottled.run();
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                error(ctx, 429, "too many attempts; try again in " + seconds + " seconds");
            }
        });
    }

    private boolean fromAllowedPage(RoutingContext ctx) {
        if (origins.allows(ctx.request().headers(), ctx.request().isSSL())) {
            return true;
        }
        error(ctx, 403, "requests from pages of other sites are refused");
        return false;
    }

    private static void error(RoutingContext ctx, int status, String sentence) {
        PlainResponses.json(ctx, status, new JsonObject().put("error", sentence));
    }

    private record Credentials(String name, String password) {
    }
}
