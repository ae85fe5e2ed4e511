package dev.parley.gateway.chat;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The web UI's HTML pages, read from the classpath once at start and served from memory. */
public final class WebUi {

    /** Where the build puts the web-ui/ directory on the classpath. */
    static final String CLASSPATH_ROOT = "web-ui";

    private WebUi() {
    }

    /** A handler that answers with the page; fails at start if the page is not in the build. */
    static Handler<RoutingContext> page(String fileName) {
        Buffer html = load(CLASSPATH_ROOT + "/" + fileName);
        return ctx -> ctx.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .end(html);
    }

    private static Buffer load(String resource) {
        try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web UI page " + resource + " is missing from the build");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
