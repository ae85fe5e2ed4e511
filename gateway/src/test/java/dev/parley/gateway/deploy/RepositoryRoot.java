package dev.parley.gateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root directory, found from the test's working directory (Maven runs gateway tests in gateway/). */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest directory, from the working directory up, holding both {@code pom.xml} and {@code gateway/}. */
    static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("gateway"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("no repository root (a directory with pom.xml and gateway/) above "
                + Path.of("").toAbsolutePath());
    }

    static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
