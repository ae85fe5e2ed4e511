package dev.parley.gateway.chat;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of the public port's HTTP routes, kept by hand beside the
 * code ({@code OpenApiDocumentIT} checks it names every HTTP route of the running chat, {@link ChatApp} and the
 * server's own, and no other).
 */
public final class ApiDocument {

    static final String RESOURCE = "dev/parley/gateway/openapi.json";

    private ApiDocument() {
    }

    /** A handler that answers with the document, read once; fails at start if it is missing or not JSON. */
    static Handler<RoutingContext> handler() {
        Buffer document = load();
        return ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-cache")
                .end(document);
    }

    /** The document as it is served. */
    public static Buffer load() {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API document " + RESOURCE + " is missing from the build");
            }
            Buffer document = Buffer.buffer(in.readAllBytes());
            new JsonObject(document); // a broken document fails the start, not the first reader
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        } catch (DecodeException e) {
            throw new IllegalStateException("the API document " + RESOURCE + " is not JSON: " + e.getMessage(), e);
        }
    }
}
