package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayProcess;
import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docker-compose.yml's topology as processes: three gateway replicas on the local Redis and a fresh Postgres
 * database, behind Debian's nginx running the compose file's server block. Clients send what a browser's page sends
 * (its Origin; a session cookie for those signed up through nginx). Clients spread over the replicas chat
 * while one replica is stopped (SIGTERM) and another killed (SIGKILL); every client reconnects through nginx,
 * resumes, and ends with the same history as everyone else: nothing lost, nothing twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplicasIT {

    private static final int REPLICAS = 3;
    /** Four per replica: nginx's round robin hands out connections one replica after the other. */
    private static final int CLIENTS = 12;
    /** The first clients sign up through nginx, the others are guests; under the sign-in throttle's 10 a minute. */
    private static final int SIGNED_IN_CLIENTS = 4;
    private static final String SESSION_SECRET = "replicas-it-session-secret-of-at-least-32-characters";
    private static final long DRAIN_SECONDS = 10;
    private static final Duration CHAT_BEFORE_STOPPING = Duration.ofSeconds(2);
    private static final Duration CHAT_AFTER_EACH_STOP = Duration.ofSeconds(3);
    private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(30);

    private List<GatewayProcess> gateways = List.of();
    private NginxProcess nginx;
    private final List<ResumingChatClient> clients = new ArrayList<>();
    private ChatDriver driver;

    @BeforeEach
    void startTopology() throws Exception {
        Path nginxBinary = NginxProcess.requireBinary();
        Map<String, String> settings = Map.of(
                "CHAT_REDIS_URL", TestRedis.url(),
                "CHAT_REDIS_KEY_PREFIX", TestRedis.uniquePrefix("replicas"),
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("replicas"),
                "CHAT_DRAIN_SECONDS", String.valueOf(DRAIN_SECONDS),
                // As docker-compose.yml and scripts/replicas.sh run them: behind nginx, one session key for all.
                "CHAT_TRUST_PROXY", "true",
                "CHAT_SESSION_SECRET", SESSION_SECRET,
                // The driver posts hundreds of messages a second from a dozen clients: beyond the default limits.
                "CHAT_FRAMES_PER_SECOND", "0",
                "CHAT_MESSAGES_PER_SECOND", "0");
        gateways = GatewayReplicas.startTogether(REPLICAS, settings);
        nginx = NginxProcess.start(nginxBinary, gateways.stream().map(GatewayProcess::port).toList());
    }

    @AfterEach
    void stopTopology() throws Exception {
        clients.forEach(ResumingChatClient::close);
        if (nginx != null) {
            nginx.close();
        }
        for (GatewayProcess gateway : gateways) {
            gateway.close();
        }
    }

    @Test
    void clientsOfEveryReplicaLoseNothingWhenOneIsStoppedAndAnotherKilled() throws Exception {
        URI room = URI.create("ws://127.0.0.1:" + nginx.port() + "/ws/chat/replicas/");
        String origin = "http://127.0.0.1:" + nginx.port();
        for (int i = 0; i < CLIENTS; i++) {
            String name = "user" + i;
            BrowserSession session = i < SIGNED_IN_CLIENTS
                    ? BrowserSession.signUp(origin, name, "a long enough password") : BrowserSession.guest(origin);
            ResumingChatClient client = new ResumingChatClient(name, room, session);
            assertThat(client.connect()).as("%s connects through nginx", client.name()).isTrue();
            clients.add(client);
        }
        driver = new ChatDriver(clients, URI.create("http://127.0.0.1:" + nginx.port() + "/api/rooms"), "replicas");
        driver.chatFor(CHAT_BEFORE_STOPPING);

        GatewayProcess stopped = gateways.get(0);
        List<Integer> closesBefore = closeCounts();
        stopped.terminate();
        driver.chatFor(CHAT_AFTER_EACH_STOP);
        List<List<Integer>> closedByStop = closesSince(closesBefore);

        GatewayProcess killed = gateways.get(1);
        closesBefore = closeCounts();
        killed.kill();
        driver.chatFor(CHAT_AFTER_EACH_STOP);
        List<List<Integer>> closedByKill = closesSince(closesBefore);

        long last = driver.catchUp(CATCH_UP_BOUND, this::diagnostics);
        System.out.println("ReplicasIT: " + last + " messages; clients: " + clients + "\nnginx: "
                + upstreamsUsed());

        assertThat(clients).flatMap(ResumingChatClient::problems).isEmpty();
        assertEveryReplicaServedSomeClients(closedByStop, closedByKill);
        assertEveryoneHoldsTheSameHistoryWithEveryPostExactlyOnce(last);
        assertThat(stopped.waitForExit(DRAIN_SECONDS + 5))
                .as("the replica stopped with SIGTERM exits within CHAT_DRAIN_SECONDS").isTrue();
    }

    private void assertEveryReplicaServedSomeClients(List<List<Integer>> closedByStop,
                                                     List<List<Integer>> closedByKill) {
        // The stopped replica's clients were asked to reconnect: 1012, service restart.
        List<Integer> askedToReconnect = closedByStop.stream().filter(codes -> !codes.isEmpty())
                .map(codes -> codes.get(0)).toList();
        assertThat(askedToReconnect).as("first close of each client of the SIGTERMed replica").isNotEmpty()
                .allSatisfy(code -> assertThat(code).isEqualTo(1012));
        assertThat(closedByKill).as("clients of the SIGKILLed replica lost their connection")
                .anySatisfy(codes -> assertThat(codes).isNotEmpty());
        assertThat(clients).as("clients of the replica that kept running kept their connection")
                .anySatisfy(client -> assertThat(client.closeCodes()).isEmpty());
        // nginx tries another replica when one is dead or refuses (proxy_next_upstream): no reconnect fails.
        assertThat(clients).as("reconnects refused through nginx")
                .allSatisfy(client -> assertThat(client.refusedConnects()).isZero());
    }

    private void assertEveryoneHoldsTheSameHistoryWithEveryPostExactlyOnce(long last) {
        List<Long> oneToLast = LongStream.rangeClosed(1, last).boxed().toList();
        Map<Long, JsonObject> history = clients.get(0).messages();
        for (ResumingChatClient client : clients) {
            assertThat(client.messages().keySet()).as("%s's seqs", client.name()).containsExactlyElementsOf(oneToLast);
            assertThat(client.messages()).as("%s's history", client.name()).isEqualTo(history);
        }
        List<String> posted = history.values().stream().map(m -> m.getString("client_id")).toList();
        assertThat(posted).as("client_ids in the room's history").doesNotHaveDuplicates();
        Set<String> sent = clients.stream().flatMap(client -> IntStream.rangeClosed(1, client.sentCount())
                .mapToObj(n -> client.name() + "-" + n)).collect(Collectors.toSet());
        assertThat(posted).as("every message sent is in the history, once").containsExactlyInAnyOrderElementsOf(sent);
        for (ResumingChatClient client : clients) {
            client.acked().forEach((clientId, seq) -> assertThat(history.get(seq).getString("client_id"))
                    .as("the seq %s's ack gave", clientId).isEqualTo(clientId));
        }
    }

    private List<Integer> closeCounts() {
        return clients.stream().map(client -> client.closeCodes().size()).toList();
    }

    private List<List<Integer>> closesSince(List<Integer> counts) {
        return IntStream.range(0, clients.size()).mapToObj(i -> List.copyOf(clients.get(i).closeCodes()
                .subList(counts.get(i), clients.get(i).closeCodes().size()))).toList();
    }

    /** How many requests each replica answered (or was tried for), from nginx's access log. */
    private Map<String, Long> upstreamsUsed() {
        return nginx.accessLog().stream().flatMap(line -> java.util.Arrays.stream(
                        line.replaceAll(".*upstream=(.*) upstream_status=.*", "$1").split(",\\s*")))
                .collect(Collectors.groupingBy(address -> address, java.util.TreeMap::new, Collectors.counting()));
    }

    private String diagnostics() {
        StringBuilder text = new StringBuilder("clients:\n");
        clients.forEach(client -> text.append("  ").append(client).append('\n'));
        text.append("nginx error log (last 20 lines):\n");
        List<String> errors = nginx.errorLog();
        errors.subList(Math.max(0, errors.size() - 20), errors.size()).forEach(l -> text.append("  ").append(l).append('\n'));
        for (GatewayProcess gateway : gateways) {
            List<String> out = gateway.output();
            text.append("gateway on ").append(gateway.port()).append(" (last 15 lines):\n");
            out.subList(Math.max(0, out.size() - 15), out.size()).forEach(l -> text.append("  ").append(l).append('\n'));
        }
        return text.toString();
    }
}
