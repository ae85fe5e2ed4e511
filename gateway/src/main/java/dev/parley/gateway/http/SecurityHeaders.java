package dev.parley.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every HTTP response that keep the web UI's pages from being framed, sniffed or made to run script
 * from elsewhere. The pages load only their own scripts and styles, so the policy allows nothing else.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    public static void add(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
        headers.set("x-content-type-options", "nosniff");
        headers.set("x-frame-options", "DENY");
        headers.set("referrer-policy", "no-referrer");
        headers.set("cross-origin-opener-policy", "same-origin");
        headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
        ctx.next();
    }
}
