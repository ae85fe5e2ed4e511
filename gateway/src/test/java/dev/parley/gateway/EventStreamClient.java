package dev.parley.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader for tests (the JDK's HTTP client, parsing the stream as EventSource does): open,
 * expect events, close. Comment lines ({@code : keep-alive}) are kept apart from the events.
 */
final class EventStreamClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration EXPECT_WITHIN = Duration.ofSeconds(5);

    /** One dispatched event; {@code id} as the server sent it. */
    record Event(String id, String event, String data) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final List<String> retries = new ArrayList<>();
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
    }

    /** Opens a stream with these request headers; the answer may be an error, see {@link #status}. */
    static EventStreamClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            EventStreamClient client = new EventStreamClient(
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
            if (client.status() == 200) {
                Thread reader = new Thread(client::read, "sse-test-reader");
                reader.setDaemon(true);
                reader.start();
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The whole body of an answer that is not a stream (an error). */
    String body() throws IOException {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Event next() {
        return nextWithin(EXPECT_WITHIN.toMillis()).orElseThrow(() ->
                new AssertionError("no event within " + EXPECT_WITHIN + (ended ? " (the stream ended)" : "")));
    }

    Optional<Event> nextWithin(long millis) {
        try {
            return Optional.ofNullable(events.poll(millis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    Optional<String> commentWithin(long millis) throws InterruptedException {
        return Optional.ofNullable(comments.poll(millis, TimeUnit.MILLISECONDS));
    }

    synchronized List<String> retries() {
        return List.copyOf(retries);
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    /** Leaves, as a browser tab that closes: the connection is dropped. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, event, data.toString()));
                    }
                    event = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> {
                            synchronized (this) {
                                retries.add(value);
                            }
                        }
                        default -> {
                            // ignored, as EventSource does
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }
}
