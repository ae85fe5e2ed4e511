package dev.parley.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.http.AddressBlock;
import dev.parley.layer.InMemoryWindowCounter;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.WindowCounter;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's rules, on in-memory counts and a clock the test moves. */
class SignInThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final WindowCounter counts = new InMemoryWindowCounter(now::get);
    private final SignInThrottle throttle = new SignInThrottle(6, counts, counts, new AddressBlock(64));

    @Test
    void anAddressHasItsAttemptsAMinuteThenWaitsForTheWindowToEnd() {
        for (int i = 0; i < 6; i++) {
            assertThat(attempt("10.0.0.1", "user" + i)).as("attempt " + i).isEmpty();
        }
        advance(Duration.ofSeconds(20));
        assertThat(attempt("10.0.0.1", "user9")).hasValue(Duration.ofSeconds(40));
        assertThat(attempt("10.0.0.2", "user9")).as("another address").isEmpty();

        advance(Duration.ofSeconds(40));
        assertThat(attempt("10.0.0.1", "user10")).as("a new minute").isEmpty();
    }

    @Test
    void oneNameTriedFromManyAddressesIsHeldToTheSameLimitWhateverItsCase() {
        for (int i = 0; i < 6; i++) {
            assertThat(attempt("10.1.0." + i, "Ada")).isEmpty();
        }
        assertThat(attempt("10.1.0.99", "ADA")).isPresent();
        assertThat(attempt("10.1.0.99", "Grace")).as("another name").isEmpty();
    }

    @Test
    void signUpsCountForTheAddressOnlyAndARefusalTakesNothingFromTheName() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.attempt("10.2.0.1", Optional.empty()).result()).isEmpty();
        }
        assertThat(attempt("10.2.0.1", "Linus")).isPresent();
        for (int i = 0; i < 6; i++) {
            assertThat(attempt("10.2.0." + (10 + i), "Linus")).as("Linus's attempt " + i).isEmpty();
        }
    }

    @Test
    void whenTheSharedCountsCannotBeReachedThisGatewayCountsAlone() {
        WindowCounter unreachable = (key, window) -> Future.failedFuture(new LayerUnavailable("Redis is down", null));
        SignInThrottle degraded = new SignInThrottle(2, unreachable, counts, new AddressBlock(64));

        assertThat(degraded.attempt("10.3.0.1", Optional.of("Ada")).result()).isEmpty();
        assertThat(degraded.attempt("10.3.0.1", Optional.of("Ada")).result()).isEmpty();
        assertThat(degraded.attempt("10.3.0.1", Optional.of("Ada")).result()).isPresent();
    }

    @Test
    void theAddressesOfOneIpv6Slash64CountAsOneAddress() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.attempt("2001:db8:5:6::" + Integer.toHexString(i + 1), Optional.empty()).result())
                    .as("attempt " + i).isEmpty();
        }
        assertThat(throttle.attempt("2001:db8:5:6:ffff:1:2:3", Optional.empty()).result())
                .as("another address of the same /64").isPresent();
        assertThat(throttle.attempt("2001:db8:5:7::1", Optional.empty()).result()).as("the next /64").isEmpty();
    }

    @Test
    void zeroMeansNoLimit() {
        SignInThrottle off = new SignInThrottle(0, counts, counts, new AddressBlock(64));
        for (int i = 0; i < 1000; i++) {
            assertThat(off.attempt("10.4.0.1", Optional.of("Ada")).result()).isEmpty();
        }
    }

    /** In memory every count is decided at once. */
    private Optional<Duration> attempt(String address, String name) {
        Future<Optional<Duration>> decided = throttle.attempt(address, Optional.of(name));
        assertThat(decided.succeeded()).isTrue();
        return decided.result();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
