package dev.parley.gateway.deploy;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** gateway/Dockerfile's runtime stage (its last), one instruction a line, continuation lines joined. */
final class GatewayDockerfile {

    private final List<String> runtimeStage;

    private GatewayDockerfile(List<String> runtimeStage) {
        this.runtimeStage = runtimeStage;
    }

    static GatewayDockerfile read() throws IOException {
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
        return new GatewayDockerfile(lines.subList(lastFrom, lines.size()));
    }

    List<String> runtimeStage() {
        return runtimeStage;
    }

    /** The runtime stage's last instruction of this kind (the one Docker uses). */
    String instruction(String keyword) {
        return runtimeStage.stream().filter(line -> line.startsWith(keyword + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the runtime stage has no " + keyword));
    }

    /** The command of {@code HEALTHCHECK ... CMD [...]}, which must be in exec form (a JSON array). */
    List<String> healthCheckCommand() {
        String healthCheck = instruction("HEALTHCHECK");
        int command = healthCheck.indexOf(" CMD [");
        if (command < 0) {
            throw new AssertionError("HEALTHCHECK is not CMD [...] (exec form): " + healthCheck);
        }
        return new JsonArray(healthCheck.substring(command + " CMD ".length())).stream().map(String::valueOf).toList();
    }
}
