package dev.parley.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.GatewayProcess;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The health checks of gateway/Dockerfile and docker-compose.yml, run as Docker runs them (with the jar and the JVM
 * of this machine in place of the image's) next to a gateway given JVM options of its own.
 */
class ContainerHealthCheckIT {

    /** An option no JVM knows: a JVM that reads it refuses to start, as a check JVM given -Xmx4g would take 4 GiB. */
    private static final String MEANT_FOR_THE_GATEWAY = "-XX:+ParleyOptionNoJvmKnows";
    private static final String IMAGE_JAR = "/app/chat-gateway.jar";

    @Test
    void theHealthChecksIgnoreTheJvmOptionsMeantForTheGateway() throws Exception {
        List<String> image = GatewayDockerfile.read().healthCheckCommand();
        List<String> compose = YamlDocument.read(RepositoryRoot.resolve("docker-compose.yml"))
                .list("services", "gateway", "healthcheck", "test").stream().skip(1).map(String::valueOf).toList();
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            for (List<String> check : List.of(image, compose)) {
                Ran ran = runHere(check, gateway.managementPort());
                assertThat(ran.exitStatus()).as("%s with JAVA_TOOL_OPTIONS=%s printed:%n%s", check,
                        MEANT_FOR_THE_GATEWAY, ran.output()).isZero();
            }
        }
    }

    @Test
    void theHealthCheckFailsWhenNoGatewayAnswers() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Ran ran = runHere(GatewayDockerfile.read().healthCheckCommand(), nobody);
        assertThat(ran.exitStatus()).isEqualTo(1);
        assertThat(ran.output()).contains("does not answer");
    }

    private record Ran(int exitStatus, String output) {
    }

    /** Runs an image's command here: its {@code java} is this JVM's, its jar the one the build made. */
    private static Ran runHere(List<String> command, int managementPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("chat.gateway.jar", "target/chat-gateway.jar")).toAbsolutePath()
                .toString();
        assertThat(command).contains("java", IMAGE_JAR);
        List<String> here = command.stream()
                .map(word -> word.equals("java") ? java : word.equals(IMAGE_JAR) ? jar : word).toList();
        Path output = Files.createTempFile("parley-health-check", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(here).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
            builder.environment().put("CHAT_MANAGEMENT_PORT", String.valueOf(managementPort));
            for (String options : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
                builder.environment().put(options, MEANT_FOR_THE_GATEWAY);
            }
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(here + " did not end within 30 s; it printed:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
