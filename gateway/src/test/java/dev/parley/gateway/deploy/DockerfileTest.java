package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayConfig;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gateway/Dockerfile's runtime stage (its last) agrees with the gateway: port, health check, settings, user. */
class DockerfileTest {

    private static GatewayDockerfile dockerfile;
    private static List<String> runtimeStage;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = GatewayDockerfile.read();
        runtimeStage = dockerfile.runtimeStage();
    }

    @Test
    void runsTheGatewayJarOnAJre() {
        assertThat(runtimeStage.get(0)).startsWith("FROM eclipse-temurin:17-jre");
        assertThat(instruction("ENTRYPOINT")).contains("\"-jar\", \"/app/chat-gateway.jar\"");
    }

    @Test
    void exposesTheGatewaysDefaultPort() {
        assertThat(instruction("EXPOSE")).isEqualTo("EXPOSE " + GatewayConfig.DEFAULT_PORT);
    }

    @Test
    void itsHealthCheckAsksTheGatewayWhetherItIsReadyWithToolsInTheImage() {
        List<String> command = dockerfile.healthCheckCommand();
        assertThat(command).contains("java", "/app/chat-gateway.jar").endsWith("--check-health", "/readyz");
        // ContainerHealthCheckIT runs it: the JVM options meant for the gateway do not reach the check's JVM.
        assertThat(command.subList(0, command.indexOf("java"))).startsWith("env")
                .contains("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    }

    @Test
    void declaresNoVolumeSoReplicasLeaveNoAnonymousVolumesBehind() {
        assertThat(runtimeStage).noneSatisfy(line -> assertThat(line).startsWith("VOLUME"));
        assertThat(instruction("ENV")).contains("CHAT_DATA_DIR=/var/lib/parley/data");
    }

    @Test
    void runsAsANumericNonRootUser() {
        Matcher user = Pattern.compile("USER (\\d+)(?::(\\d+))?").matcher(instruction("USER"));
        assertThat(user.matches()).as("USER is numeric, so Kubernetes can verify runAsNonRoot").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
    }

    @Test
    void setsOnlySettingsTheGatewayReads() {
        List<String> names = runtimeStage.stream().filter(line -> line.startsWith("ENV "))
                .flatMap(line -> Pattern.compile("(CHAT_[A-Z_]+)=").matcher(line).results().map(m -> m.group(1)))
                .toList();
        assertThat(names).contains("CHAT_DATA_DIR").isSubsetOf(GatewayConfig.SETTINGS);
    }

    private static String instruction(String keyword) {
        return dockerfile.instruction(keyword);
    }
}
