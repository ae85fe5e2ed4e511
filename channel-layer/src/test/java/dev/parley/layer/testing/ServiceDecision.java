package dev.parley.layer.testing;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** What a test-service locator decided once per JVM: use a URL, start a container, or skip the tests. */
sealed interface ServiceDecision {

    /**
     * The service's URL; on a skip, stops the calling test or {@code @BeforeAll} by the {@link MissingService} rule
     * read from {@code env}: skipped, or failed under {@code CHAT_TEST_REQUIRE_SERVICES=true}.
     */
    String urlOrStop(Map<String, String> env);

    /** One line for stderr saying which service is used and why, or why none is. */
    String summary();

    /**
     * When no URL is configured: {@link StartContainer} if {@code dockerUsable} says true within {@code probeBound},
     * else a skip of {@code service} whose reason {@code skipReason} makes from why Docker is not usable (for example
     * "no Docker engine is usable").
     */
    static ServiceDecision dockerOrSkip(String service, String env, BooleanSupplier dockerUsable, Duration probeBound,
                                        Function<String, String> skipReason) {
        String docker;
        try {
            if (BoundedCall.call("the Docker probe", dockerUsable::getAsBoolean, probeBound)) {
                return new StartContainer(env + " is not set and Docker is usable");
            }
            docker = "no Docker engine is usable";
        } catch (BoundedCall.Failed e) {
            docker = e.getMessage();
        }
        return new Skip(service, skipReason.apply(docker));
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
        public String urlOrStop(Map<String, String> env) {
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
        public String urlOrStop(Map<String, String> env) {
            throw new IllegalStateException("the container has not been started yet (" + why + ")");
        }

        @Override
        public String summary() {
            return "starting a container: " + why;
        }
    }

    /** {@code service} is missing: skip (or fail) every test that needs it; {@code reason} says what to start. */
    record Skip(String service, String reason) implements ServiceDecision {
        @Override
        public String urlOrStop(Map<String, String> env) {
            return MissingService.stop(env, service, reason);
        }

        @Override
        public String summary() {
            return MissingService.message(System.getenv(), service, reason);
        }
    }
}
