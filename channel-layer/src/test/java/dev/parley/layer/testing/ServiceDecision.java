package dev.parley.layer.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/** What a test-service locator decided once per JVM: use a URL, start a container, or skip the tests. */
sealed interface ServiceDecision {

    /** The service's URL; aborts the calling test or {@code @BeforeAll} (JUnit reports it skipped) on a skip. */
    String urlOrSkip();

    /** One line for stderr saying which service is used and why, or why none is. */
    String summary();

    /**
     * When no URL is configured: {@link StartContainer} if {@code dockerUsable} says true within {@code probeBound},
     * else a skip whose message {@code skipMessage} makes from the reason (for example "no Docker engine is usable").
     */
    static ServiceDecision dockerOrSkip(String env, BooleanSupplier dockerUsable, Duration probeBound,
                                        Function<String, String> skipMessage) {
        String docker;
        try {
            if (BoundedCall.call("the Docker probe", dockerUsable::getAsBoolean, probeBound)) {
                return new StartContainer(env + " is not set and Docker is usable");
            }
            docker = "no Docker engine is usable";
        } catch (BoundedCall.Failed e) {
            docker = e.getMessage();
        }
        return new Skip(skipMessage.apply(docker));
    }

    /** Decides, starts the container if that was the decision, and prints the outcome once under the label. */
    static ServiceDecision resolve(String label, Supplier<ServiceDecision> decide,
                                   Function<String, ServiceDecision> startContainer) {
        ServiceDecision decision = decide.get();
        if (decision instanceof StartContainer start) {
            decision = startContainer.apply(start.why());
        }
        System.err.println("[" + label + "] " + decision.summary());
        return decision;
    }

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
