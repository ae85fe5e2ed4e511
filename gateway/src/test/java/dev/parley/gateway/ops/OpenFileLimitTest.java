package dev.parley.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    @Test
    void aLowLimitIsNamedWithWhatItMeansAndHowToRaiseIt() {
        assertThat(OpenFileLimit.warningFor(20_000)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("at most 20000 files").contains("Too many open files").contains("ulimit -n")
                .contains("65536"));
    }

    @Test
    void enoughSaysNothing() {
        assertThat(OpenFileLimit.warningFor(65_536)).isEmpty();
        assertThat(OpenFileLimit.warningFor(1_048_576)).isEmpty();
    }

    @Test
    void thisMachineHasALimitTheJvmCanRead() {
        assertThat(OpenFileLimit.ofThisProcess().orElseThrow()).isPositive();
    }
}
