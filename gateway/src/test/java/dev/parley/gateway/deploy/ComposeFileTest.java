package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayConfig;
import dev.parley.layer.testing.MissingService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid Compose and agrees with the gateway: settings, port, health, drain, load balancer. */
class ComposeFileTest {

    private static final Path ROOT = RepositoryRoot.path();
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    private static final String SHARED_NGINX_CONF = "nginx/parley.conf";

    private static YamlDocument compose;

    @BeforeAll
    static void read() throws IOException {
        compose = YamlDocument.read(COMPOSE_FILE);
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        MissingService.require(ExternalCommand.onPath("docker-compose"), "docker-compose",
                "install docker-compose (apt-get install docker-compose) to check docker-compose.yml");
        ExternalCommand.Result result = ExternalCommand.run(ROOT, Duration.ofSeconds(60),
                "docker-compose", "-f", COMPOSE_FILE.toString(), "config", "-q");
        assertThat(result.exitCode()).as("docker-compose config -q said:\n%s", result.output()).isZero();
    }

    @Test
    void everyChatSettingIsOneTheGatewayReads() {
        for (Object name : compose.map("services").keySet()) {
            assertThat(environment(name.toString()).keySet())
                    .filteredOn(key -> key.startsWith("CHAT_"))
                    .as("CHAT_ settings of service %s", name)
                    .isSubsetOf(GatewayConfig.SETTINGS);
        }
    }

    @Test
    void threeGatewayReplicasWaitForHealthyPostgresAndRedis() {
        assertThat(compose.text("services", "gateway", "deploy", "replicas")).isEqualTo("3");
        for (String service : List.of("postgres", "redis")) {
            assertThat(compose.text("services", "gateway", "depends_on", service, "condition"))
                    .as("the gateway waits for %s", service).isEqualTo("service_healthy");
            assertThat(compose.has("services", service, "healthcheck", "test")).as("%s has a healthcheck", service)
                    .isTrue();
        }
    }

    @Test
    void theGatewayListensOnItsDefaultPortAndOnlyTheLoadBalancerPublishesOne() {
        Map<String, String> env = environment("gateway");
        assertThat(env.getOrDefault("CHAT_PORT", String.valueOf(GatewayConfig.DEFAULT_PORT)))
                .isEqualTo(String.valueOf(GatewayConfig.DEFAULT_PORT));
        assertThat(compose.has("services", "gateway", "ports")).as("replicas publish no host port").isFalse();
        assertThat(compose.list("services", "gateway", "expose")).map(String::valueOf)
                .as("the chat's port only: the management port stays inside each container")
                .containsExactly(String.valueOf(GatewayConfig.DEFAULT_PORT));
        assertThat(env.getOrDefault("CHAT_MANAGEMENT_HOST", GatewayConfig.DEFAULT_MANAGEMENT_HOST))
                .isEqualTo("127.0.0.1");
        assertThat(compose.list("services", "lb", "ports")).map(String::valueOf).containsExactly("8080:80");
    }

    @Test
    void theGatewayHealthcheckIsTheImagesWhichAsksWhetherItIsReady() throws IOException {
        List<String> test = compose.list("services", "gateway", "healthcheck", "test").stream()
                .map(String::valueOf).toList();
        assertThat(test).first().isEqualTo("CMD");
        // nginx waits for healthy gateways (service_healthy): healthy must mean "route traffic here", /readyz.
        assertThat(compose.text("services", "lb", "depends_on", "gateway", "condition")).isEqualTo("service_healthy");
        assertThat(test.subList(1, test.size())).as("the image's HEALTHCHECK")
                .isEqualTo(GatewayDockerfile.read().healthCheckCommand())
                .endsWith("--check-health", "/readyz");
    }

    @Test
    void dockerWaitsLongerThanTheDrainBeforeKilling() {
        Duration drain = Duration.ofSeconds(Long.parseLong(environment("gateway").getOrDefault("CHAT_DRAIN_SECONDS",
                String.valueOf(GatewayConfig.DEFAULT_DRAIN_DEADLINE.toSeconds()))));
        Duration grace = composeDuration(compose.text("services", "gateway", "stop_grace_period"));
        assertThat(grace).as("stop_grace_period vs CHAT_DRAIN_SECONDS").isGreaterThan(drain);
    }

    @Test
    void theGatewayFindsRedisAndPostgresByTheirServiceNames() {
        Map<String, String> env = environment("gateway");
        assertThat(URI.create(env.get("CHAT_REDIS_URL")).getHost()).isEqualTo("redis");
        // r2dbc:postgresql://user:${PASSWORD:-default}@host:5432/db: the host follows the last '@'.
        assertThat(env.get("CHAT_DATABASE_URL")).matches("r2dbc:postgresql://.*@postgres:5432/[^/@]+");
        assertThat(compose.map("services").keySet()).map(String::valueOf).contains("redis", "postgres");
    }

    @Test
    void theLoadBalancerRunsTheSharedNginxServerBlockInFrontOfGatewayPort8080() throws IOException {
        Map<String, String> mounts = nginxMounts();
        assertThat(mounts).containsKey(SHARED_NGINX_CONF);
        assertThat(mounts.keySet()).allSatisfy(file -> assertThat(ROOT.resolve(file)).isRegularFile());

        String topLevel = read(mounts.entrySet().stream().filter(m -> m.getValue().equals("/etc/nginx/nginx.conf"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no nginx.conf mounted")));
        assertThat(topLevel).as("includes the shared server block where it is mounted")
                .contains("include " + mounts.get(SHARED_NGINX_CONF) + ";");
        assertThat(topLevel).as("proxies to every replica's port")
                .containsPattern("server\\s+gateway:" + GatewayConfig.DEFAULT_PORT + "\\b");

        String shared = read(SHARED_NGINX_CONF);
        Matcher listenInclude = Pattern.compile("include\\s+(\\S+);").matcher(
                shared.substring(shared.indexOf("server {")));
        assertThat(listenInclude.find()).isTrue();
        String listenFile = mounts.entrySet().stream()
                .filter(m -> m.getValue().equals("/etc/nginx/" + listenInclude.group(1)))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at /etc/nginx/" + listenInclude.group(1)));
        assertThat(read(listenFile)).as("listens on the port published as 8080").containsPattern("(?m)^listen 80;");
    }

    @Test
    void theLoadtestProfileAimsAtTheLoadBalancer() {
        assertThat(compose.list("services", "loadtest", "profiles")).map(String::valueOf).containsExactly("loadtest");
        assertThat(compose.list("services", "loadtest", "command")).map(String::valueOf)
                .containsSequence("--url", "ws://lb");
    }

    /** Host file (relative to the repository) to container path, for the load balancer's bind mounts. */
    private static Map<String, String> nginxMounts() {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : compose.list("services", "lb", "volumes")) {
            String[] parts = volume.toString().split(":");
            mounts.put(parts[0].replaceFirst("^\\./", ""), parts[1]);
        }
        return mounts;
    }

    /** A service's environment, written as a mapping or as a list of NAME=value. */
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!compose.has("services", service, "environment")) {
            return env;
        }
        Object declared = compose.value("services", service, "environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((name, value) -> env.put(name.toString(), String.valueOf(value)));
        } else if (declared instanceof List<?> list) {
            list.forEach(item -> {
                String[] pair = item.toString().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return env;
    }

    /** Compose's durations: {@code 30s}, {@code 1m30s}, {@code 1h}, {@code 500ms}. */
    static Duration composeDuration(String text) {
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw new AssertionError("not a Compose duration: " + text);
        }
        return total;
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
    }
}
