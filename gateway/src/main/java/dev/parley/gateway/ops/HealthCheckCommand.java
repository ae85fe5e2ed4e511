package dev.parley.gateway.ops;

import dev.parley.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code java -jar chat-gateway.jar --check-health [path]}: asks the gateway of this machine, on its
 * {@code CHAT_MANAGEMENT_PORT}, whether it is healthy, for container health checks in images that have no curl. Exit
 * status 0 when it answers 200.
 */
public final class HealthCheckCommand {

    private HealthCheckCommand() {
    }

    /** Returns the exit status; prints one line saying why when it is not 0. */
    public static int run(GatewayConfig config, String path) {
        if (!path.startsWith("/")) {
            System.err.println("parley: --check-health takes a path such as /healthz or /readyz, got '" + path + "'");
            return 2;
        }
        URI uri = managementUri(config.managementHost(), config.managementPort(), path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return 0;
            }
            System.err.println("parley: " + uri + " answered " + response.statusCode() + ": " + response.body());
            return 1;
        } catch (IOException e) {
            System.err.println("parley: " + uri + " does not answer: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Where a program on this machine reaches the management port: 127.0.0.1 when it listens on every address. */
    public static URI managementUri(String host, int port, String path) {
        String local = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (local.contains(":") ? "[" + local + "]" : local) + ":" + port + path);
    }
}
