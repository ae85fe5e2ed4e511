package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.chat.ApiDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at {@code /api/openapi.json} against the route table: every HTTP route of the public
 * port is described, and nothing else is. A route added without a line in the document fails here.
 */
class OpenApiDocumentIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");

    private static LocalGateway gateway;
    private final JsonObject document = new JsonObject(ApiDocument.load());

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(GatewayConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void isAnOpenApi3DocumentWithInfoAndPaths() {
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getJsonObject("info").getString("title")).isNotBlank();
        assertThat(document.getJsonObject("info").getString("version")).isNotBlank();
        assertThat(document.getJsonObject("paths")).isNotEmpty();
    }

    @Test
    void describesEveryRouteOfThePublicPortAndNoOther() {
        assertThat(undocumented(publicRoutes())).as("routes missing from the document").isEmpty();
        assertThat(notRoutes(publicRoutes())).as("operations in the document that no route serves").isEmpty();
    }

    @Test
    void aRouteAddedWithoutDocumentingItIsCaught() {
        RouteTable table = new RouteTable().get("/api/rooms", ctx -> { }).get("/api/undocumented", ctx -> { });
        assertThat(undocumented(table)).containsExactly("GET /api/undocumented");
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryReferenceResolves() {
        document.getJsonObject("paths").forEach(path -> {
            JsonObject item = (JsonObject) path.getValue();
            Matcher names = PARAMETER.matcher(path.getKey());
            while (names.find()) {
                String name = names.group(1);
                item.fieldNames().stream().filter(METHODS::contains).forEach(method -> assertThat(
                        item.getJsonObject(method).getJsonArray("parameters", new JsonArray()).stream()
                                .map(JsonObject.class::cast)
                                .anyMatch(p -> "path".equals(p.getString("in")) && name.equals(p.getString("name"))))
                        .as(method + " " + path.getKey() + " declares {" + name + "}").isTrue());
            }
        });
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(document.getJsonObject("components").getJsonObject("schemas")
                    .containsKey(ref.substring("#/components/schemas/".length()))).as(ref).isTrue();
        });
    }

    /** "METHOD path" of each route the document lacks; a static mount ("prefix*") is one {param} below its prefix. */
    private Set<String> undocumented(RouteTable table) {
        Set<String> documented = documentedOperations();
        Set<String> missing = new TreeSet<>();
        for (String route : table.httpRoutes()) {
            if (!documented.contains(route) && documented.stream().noneMatch(op -> coversMount(op, route))) {
                missing.add(route);
            }
        }
        return missing;
    }

    private Set<String> notRoutes(RouteTable table) {
        List<String> routes = table.httpRoutes();
        Set<String> extra = new TreeSet<>();
        for (String operation : documentedOperations()) {
            if (!routes.contains(operation) && routes.stream().noneMatch(route -> coversMount(operation, route))) {
                extra.add(operation);
            }
        }
        return extra;
    }

    private static boolean coversMount(String operation, String route) {
        if (!route.endsWith("*")) {
            return false;
        }
        String prefix = route.substring(0, route.length() - 1);
        return operation.startsWith(prefix) && operation.substring(prefix.length()).matches(PARAMETER.pattern());
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).fieldNames().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof JsonObject object) {
            object.forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add((String) field.getValue());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> collectRefs(item, refs));
        }
    }

    /** The public port's table, as the running chat serves it. */
    private static RouteTable publicRoutes() {
        return gateway.routes();
    }
}
