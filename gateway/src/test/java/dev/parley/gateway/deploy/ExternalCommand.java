package dev.parley.gateway.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a program installed on the machine (docker-compose, nginx -t) to completion, within a bound. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    record Result(int exitCode, String output) {
    }

    /** Whether a program of this name is an executable file in a directory of {@code PATH}. */
    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs it in the directory; stdout and stderr together. Fails the test if it has not ended within the bound. */
    static Result run(Path directory, Duration bound, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("parley-command", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not end within " + bound.toSeconds()
                        + " s; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
