package dev.parley.layer.testing;

import org.junit.jupiter.api.Assumptions;

/** What a test-service locator decided once per JVM: use a URL, start a container, or skip the tests. */
sealed interface ServiceDecision {

    /** The service's URL; aborts the calling test or {@code @BeforeAll} (JUnit reports it skipped) on a skip. */
    String urlOrSkip();

    /** One line for stderr saying which service is used and why, or why none is. */
    String summary();

    /** Use the service at this URL; {@code why} names where the URL came from, with any password hidden. */
    record Use(String url, String why) implements ServiceDecision {
        @Override
        public String urlOrSkip() {
            return url;
        }

        @Override
        public String summary() {
            return "using " + why;
        }
    }

    /** No service is configured but Docker is usable: the locator starts a container and decides again. */
    record StartContainer(String why) implements ServiceDecision {
        @Override
        public String urlOrSkip() {
            throw new IllegalStateException("the container has not been started yet (" + why + ")");
        }

        @Override
        public String summary() {
            return "starting a container: " + why;
        }
    }

    /** Skip every test that needs the service, with a message saying what to start. */
    record Skip(String message) implements ServiceDecision {
        @Override
        public String urlOrSkip() {
            return Assumptions.abort(message);
        }

        @Override
        public String summary() {
            return message;
        }
    }
}
