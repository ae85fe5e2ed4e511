package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's arithmetic, on a clock the test moves. */
class SignInThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final SignInThrottle throttle = new SignInThrottle(6, now::get);

    @Test
    void anAddressHasAMinutesWorthAtOnceThenOneEveryTenthOfAMinute() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.attempt("10.0.0.1", Optional.of("user" + i))).as("attempt " + i).isEmpty();
        }
        assertThat(throttle.attempt("10.0.0.1", Optional.of("user9"))).hasValue(Duration.ofSeconds(10));
        assertThat(throttle.attempt("10.0.0.2", Optional.of("user9"))).as("another address").isEmpty();

        advance(Duration.ofSeconds(9));
        assertThat(throttle.attempt("10.0.0.1", Optional.empty())).isPresent();
        advance(Duration.ofSeconds(1));
        assertThat(throttle.attempt("10.0.0.1", Optional.empty())).as("a token back after 10 s").isEmpty();
        assertThat(throttle.attempt("10.0.0.1", Optional.empty())).isPresent();
    }

    @Test
    void oneNameTriedFromManyAddressesIsHeldToTheSameRateWhateverItsCase() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.attempt("10.1.0." + i, Optional.of("Ada"))).isEmpty();
        }
        assertThat(throttle.attempt("10.1.0.99", Optional.of("ADA"))).isPresent();
        assertThat(throttle.attempt("10.1.0.99", Optional.of("Grace"))).as("another name").isEmpty();
    }

    @Test
    void signUpsCountForTheAddressOnly() {
        for (int i = 0; i < 6; i++) {
            assertThat(throttle.attempt("10.2.0.1", Optional.empty())).isEmpty();
        }
        assertThat(throttle.attempt("10.2.0.1", Optional.of("Linus"))).isPresent();
        assertThat(throttle.attempt("10.2.0.2", Optional.of("Linus"))).as("the refusal took nothing of Linus's")
                .isEmpty();
    }

    @Test
    void zeroMeansNoLimit() {
        SignInThrottle off = new SignInThrottle(0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.attempt("10.3.0.1", Optional.of("Ada"))).isEmpty();
        }
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
