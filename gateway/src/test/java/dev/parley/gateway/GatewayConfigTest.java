package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one place settings are read: defaults, every variable, and a clear refusal of each bad value. */
class GatewayConfigTest {

    @Test
    void withNothingSetEveryDefaultProtectsAPublicServer() {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of());

        assertThat(config).isEqualTo(GatewayConfig.defaults());
        assertThat(config.allowGuests()).isTrue();
        assertThat(config.trustProxy()).isFalse();
        assertThat(config.managementHost()).as("operations endpoints for this machine only").isEqualTo("127.0.0.1");
        assertThat(config.managementPort()).isEqualTo(9090).isNotEqualTo(config.port());
        assertThat(config.ipv6PrefixLength()).isEqualTo(64);
        assertThat(config.allowedHosts()).isEmpty();
        assertThat(config.blockingThreads()).isEqualTo(512);
        assertThat(config.historyRetention()).as("history kept forever").isEmpty();
        assertThat(config.limits()).isEqualTo(new Limits(65_536, 4000, 20, 5, 1000, 20, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), 256));
    }

    @Test
    void everySettingIsRead() {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.ofEntries(
                Map.entry("CHAT_ALLOWED_ORIGINS", "https://chat.example.com, https://www.example.com"),
                Map.entry("CHAT_ALLOW_GUESTS", "false"),
                Map.entry("CHAT_SESSION_SECRET", "s".repeat(32)),
                Map.entry("CHAT_TRUST_PROXY", "yes"),
                Map.entry("CHAT_DRAIN_SECONDS", "7"),
                Map.entry("CHAT_LOG_FORMAT", "json"),
                Map.entry("CHAT_MAX_FRAME_BYTES", "2048"),
                Map.entry("CHAT_FRAMES_PER_SECOND", "0"),
                Map.entry("CHAT_MESSAGES_PER_SECOND", "9"),
                Map.entry("CHAT_MAX_CONNECTIONS_PER_IP", "0"),
                Map.entry("CHAT_MAX_CONNECTIONS_PER_USER", "3"),
                Map.entry("CHAT_MAX_MESSAGE_LENGTH", "500"),
                Map.entry("CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", "0"),
                Map.entry("CHAT_HANDSHAKE_TIMEOUT_SECONDS", "3"),
                Map.entry("CHAT_SLOW_CLIENT_SECONDS", "4"),
                Map.entry("CHAT_IDLE_TIMEOUT_SECONDS", "30"),
                Map.entry("CHAT_REQUEST_TIMEOUT_SECONDS", "12"),
                Map.entry("CHAT_MAX_HTTP_CONNECTIONS_PER_IP", "40"),
                Map.entry("CHAT_MANAGEMENT_HOST", "0.0.0.0"),
                Map.entry("CHAT_MANAGEMENT_PORT", "9191"),
                Map.entry("CHAT_IPV6_PREFIX_LENGTH", "56"),
                Map.entry("CHAT_ALLOWED_HOSTS", "chat.example.com, Chat.Example.com:8443"),
                Map.entry("CHAT_BLOCKING_THREADS", "64"),
                Map.entry("CHAT_HISTORY_RETENTION_DAYS", "365")));

        assertThat(config.allowedOrigins()).containsExactly("https://chat.example.com", "https://www.example.com");
        assertThat(config.allowGuests()).isFalse();
        assertThat(config.sessionSecret()).hasValue("s".repeat(32));
        assertThat(config.trustProxy()).isTrue();
        assertThat(config.drainDeadline()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.logFormat()).isEqualTo("json");
        assertThat(config.managementHost()).isEqualTo("0.0.0.0");
        assertThat(config.managementPort()).isEqualTo(9191);
        assertThat(config.ipv6PrefixLength()).isEqualTo(56);
        assertThat(config.allowedHosts()).containsExactly("chat.example.com", "chat.example.com:8443");
        assertThat(config.blockingThreads()).isEqualTo(64);
        assertThat(config.historyRetention()).hasValue(Duration.ofDays(365));
        assertThat(config.limits()).isEqualTo(new Limits(2048, 500, 0, 9, 0, 3, 0, Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofSeconds(30), Duration.ofSeconds(12), 40));
    }

    @Test
    void theListedSettingsAreExactlyTheOnesTheGatewayReads() {
        Set<Object> read = new HashSet<>();
        Map<String, String> environment = new HashMap<>() {
            @Override
            public String get(Object name) {
                read.add(name);
                return super.get(name);
            }

            @Override
            public String getOrDefault(Object name, String fallback) {
                read.add(name);
                return super.getOrDefault(name, fallback);
            }

            @Override
            public boolean containsKey(Object name) {
                read.add(name);
                return super.containsKey(name);
            }
        };

        GatewayConfig.fromEnvironment(environment);

        assertThat(GatewayConfig.SETTINGS).doesNotHaveDuplicates().allMatch(name -> name.startsWith("CHAT_"));
        assertThat(read).as("the variables fromEnvironment looked up").containsExactlyInAnyOrderElementsOf(
                GatewayConfig.SETTINGS);
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingAndWhatItTakes() {
        refused(Map.of("CHAT_ALLOW_GUESTS", "maybe"), "CHAT_ALLOW_GUESTS must be true or false, got 'maybe'");
        refused(Map.of("CHAT_BLOCKING_THREADS", "0"), "CHAT_BLOCKING_THREADS must be from 1 to 10000, got 0");
        refused(Map.of("CHAT_HISTORY_RETENTION_DAYS", "0"),
                "CHAT_HISTORY_RETENTION_DAYS must be from 1 to 36500 (unset: keep history forever), got 0");
        refused(Map.of("CHAT_HISTORY_RETENTION_DAYS", "99999999999999999"),
                "CHAT_HISTORY_RETENTION_DAYS must be from 1 to 36500 (unset: keep history forever), got 36501");
        refused(Map.of("CHAT_HISTORY_RETENTION_DAYS", "a year"), "CHAT_HISTORY_RETENTION_DAYS must be a whole number");
        refused(Map.of("CHAT_SESSION_SECRET", "short"), "CHAT_SESSION_SECRET must have at least 32 characters");
        refused(Map.of("CHAT_ALLOWED_ORIGINS", "chat.example.com"), "CHAT_ALLOWED_ORIGINS must list origins");
        refused(Map.of("CHAT_MAX_FRAME_BYTES", "10"), "CHAT_MAX_FRAME_BYTES must be from 1024 to 16777216, got 10");
        refused(Map.of("CHAT_FRAMES_PER_SECOND", "-1"), "CHAT_FRAMES_PER_SECOND must be from 0 to 100000 (0: no limit)");
        refused(Map.of("CHAT_IDLE_TIMEOUT_SECONDS", "1"), "CHAT_IDLE_TIMEOUT_SECONDS must be from 3 to 3600, got 1");
        refused(Map.of("CHAT_MAX_MESSAGE_LENGTH", "0"), "CHAT_MAX_MESSAGE_LENGTH must be from 1 to 1000000, got 0");
        refused(Map.of("CHAT_MAX_MESSAGE_LENGTH", "70000"),
                "CHAT_MAX_MESSAGE_LENGTH (70000) must not be more than CHAT_MAX_FRAME_BYTES (65536)");
        refused(Map.of("CHAT_HANDSHAKE_TIMEOUT_SECONDS", "0"),
                "CHAT_HANDSHAKE_TIMEOUT_SECONDS must be from 1 to 300, got 0");
        refused(Map.of("CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", "-3"),
                "CHAT_SIGNIN_ATTEMPTS_PER_MINUTE must be from 0 to 100000 (0: no limit), got -3");
        refused(Map.of("CHAT_DRAIN_SECONDS", "0"), "CHAT_DRAIN_SECONDS must be from 1 to 600, got 0");
        refused(Map.of("CHAT_MAX_CONNECTIONS_PER_IP", "lots"), "CHAT_MAX_CONNECTIONS_PER_IP must be a whole number");
        refused(Map.of("CHAT_REQUEST_TIMEOUT_SECONDS", "0"),
                "CHAT_REQUEST_TIMEOUT_SECONDS must be from 1 to 3600, got 0");
        refused(Map.of("CHAT_REQUEST_TIMEOUT_SECONDS", "5"),
                "CHAT_REQUEST_TIMEOUT_SECONDS (5) must not be less than CHAT_HANDSHAKE_TIMEOUT_SECONDS (10)");
        refused(Map.of("CHAT_HANDSHAKE_TIMEOUT_SECONDS", "60", "CHAT_REQUEST_TIMEOUT_SECONDS", "59"),
                "CHAT_REQUEST_TIMEOUT_SECONDS (59) must not be less than CHAT_HANDSHAKE_TIMEOUT_SECONDS (60)");
        refused(Map.of("CHAT_MAX_HTTP_CONNECTIONS_PER_IP", "-1"),
                "CHAT_MAX_HTTP_CONNECTIONS_PER_IP must be from 0 to 10000000 (0: no limit), got -1");
        refused(Map.of("CHAT_MANAGEMENT_PORT", "70000"), "CHAT_MANAGEMENT_PORT must be a whole number from 0 to 65535");
        refused(Map.of("CHAT_PORT", "9000", "CHAT_MANAGEMENT_PORT", "9000"),
                "CHAT_MANAGEMENT_PORT must differ from CHAT_PORT (9000)");
        refused(Map.of("CHAT_IPV6_PREFIX_LENGTH", "16"), "CHAT_IPV6_PREFIX_LENGTH must be from 32 to 128, got 16");
        refused(Map.of("CHAT_ALLOWED_HOSTS", "https://chat.example.com"), "CHAT_ALLOWED_HOSTS must list host names");
    }

    @Test
    void theSessionSecretOfTheExampleManifestsIsRefusedSayingHowToMakeOne() {
        refused(Map.of("CHAT_SESSION_SECRET", GatewayConfig.EXAMPLE_SESSION_SECRET),
                "CHAT_SESSION_SECRET is the example from Parley's k8s/secret.yaml");
        refused(Map.of("CHAT_SESSION_SECRET", " " + GatewayConfig.EXAMPLE_SESSION_SECRET + "\n"), "openssl rand -hex 32");
        refused(Map.of("CHAT_SESSION_SECRET", GatewayConfig.EXAMPLE_SESSION_SECRET),
                "kubectl -n parley patch secret parley");

        String made = "3f9a0c6e1b2d4f5a8c7e9b0d1f2a3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c";
        assertThat(GatewayConfig.fromEnvironment(Map.of("CHAT_SESSION_SECRET", made)).sessionSecret()).hasValue(made);
    }

    @Test
    void anUnsetRequestTimeoutIsNeverShorterThanTheHandshakeTimeout() {
        assertThat(GatewayConfig.fromEnvironment(Map.of("CHAT_HANDSHAKE_TIMEOUT_SECONDS", "45")).limits()
                .requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(GatewayConfig.fromEnvironment(Map.of("CHAT_HANDSHAKE_TIMEOUT_SECONDS", "5")).limits()
                .requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anOriginListMayBeAStar() {
        assertThat(GatewayConfig.fromEnvironment(Map.of("CHAT_ALLOWED_ORIGINS", "*")).allowedOrigins())
                .isEqualTo(List.of("*"));
        assertThat(GatewayConfig.fromEnvironment(Map.of()).sessionSecret()).isEqualTo(Optional.empty());
    }

    private static void refused(Map<String, String> env, String message) {
        assertThatThrownBy(() -> GatewayConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
