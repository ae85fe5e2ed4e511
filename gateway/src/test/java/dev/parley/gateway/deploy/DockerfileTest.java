package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gateway/Dockerfile's runtime stage (its last) agrees with the gateway: port, health check, settings, user. */
class DockerfileTest {

    private static List<String> runtimeStage;

    @BeforeAll
    static void read() throws IOException {
        // Continuation lines joined, so each instruction is one line.
        String text = Files.readString(RepositoryRoot.resolve("gateway/Dockerfile"), StandardCharsets.UTF_8)
                .replaceAll("\\\\\\n\\s*", " ");
        List<String> lines = text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        runtimeStage = lines.subList(lastFrom, lines.size());
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
    void itsHealthCheckAsksTheGatewayWithToolsInTheImage() {
        assertThat(instruction("HEALTHCHECK")).contains("CMD [\"java\"").contains("\"--check-health\"");
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

    /** The runtime stage's last instruction of this kind (the one Docker uses). */
    private static String instruction(String keyword) {
        return runtimeStage.stream().filter(line -> line.startsWith(keyword + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the runtime stage has no " + keyword));
    }
}
